package org.evocnn.engine.process;

import org.evocnn.model.genome.FieldException;

import java.util.Objects;

/**
 * The island model (multi-deme GA, Cantú-Paz 1998; the paper's future work beside surrogates): {@code count}
 * sub-populations of popSize each, bred asynchronously over the same queue; after every {@code migrationInterval}
 * results that enter an island, each island sends copies of its best {@code migrants} to another (the next one on a
 * ring, or one drawn at random). Used by {@link Mode#ISLANDS}; other modes ignore it.
 */
public record Islands(int count, int migrationInterval, int migrants, Topology topology) {

    /** Where an island's migrants go. */
    public enum Topology {
        /** Island i sends to island i + 1 (the last to the first). */
        RING,
        /** Each island sends to another drawn at random at each migration. */
        RANDOM
    }

    /** Four islands, one migrant each every 10 results, on a ring. */
    public static final Islands DEFAULT = new Islands(4, 10, 1, Topology.RING);

    public Islands {
        FieldException.inRange("count", count, 2, 1_000);
        FieldException.inRange("migrationInterval", migrationInterval, 1, 1_000_000);
        FieldException.inRange("migrants", migrants, 1, 1_000);
        Objects.requireNonNull(topology, "topology");
    }
}
