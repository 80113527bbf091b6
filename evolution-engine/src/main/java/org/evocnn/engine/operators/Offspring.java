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
 */
public record Offspring(Genome genome, List<Long> parents, String origin, long trainableParams, long flops) {

    public Offspring {
        parents = List.copyOf(parents);
    }
}
