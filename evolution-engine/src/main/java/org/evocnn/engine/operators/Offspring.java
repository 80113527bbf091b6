package org.evocnn.engine.operators;

import org.evocnn.model.genome.Genome;

import java.util.List;

/**
 * A new genome and how it was made.
 *
 * @param parents         sequence numbers of its parents (none for a random individual)
 * @param origin          the operators applied, e.g. {@code random}, {@code crossover+changeFilterSize}
 * @param trainableParams of the network it builds
 * @param flops           forward FLOPs per sample of that network
 * @param inheritance     which parent's layer each of its layers comes from ({@link Inheritance#NONE}: all fresh)
 */
public record Offspring(Genome genome, List<Long> parents, String origin, long trainableParams, long flops,
                        Inheritance inheritance) {

    public Offspring {
        parents = List.copyOf(parents);
        java.util.Objects.requireNonNull(inheritance, "inheritance");
    }

    /** An offspring with no layer from a parent. */
    public Offspring(Genome genome, List<Long> parents, String origin, long trainableParams, long flops) {
        this(genome, parents, origin, trainableParams, flops, Inheritance.NONE);
    }
}
