package org.evocnn.engine.population;

import java.util.random.RandomGenerator;

/**
 * Tournament selection (paper section 3.4): {@code size} members drawn uniformly at random (with replacement, as
 * DEAP's selTournament used by GAKeras), the fittest wins. Since the population is sorted, the winner is the drawn
 * member of lowest rank.
 */
public record TournamentSelection(int size) {

    public TournamentSelection {
        if (size < 1) {
            throw new IllegalArgumentException("tournament size " + size + " must be at least 1");
        }
    }

    public Individual select(Population population, RandomGenerator rng) {
        if (population.isEmpty()) {
            throw new IllegalStateException("tournament on an empty population");
        }
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            best = Math.min(best, rng.nextInt(population.size()));
        }
        return population.get(best);
    }
}
