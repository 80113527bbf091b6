package org.evocnn.engine.population;

import java.util.Comparator;

/**
 * What selection optimises: the paper's mean cross-validation loss (lower is better, the default), or GAKeras'
 * accuracy (higher is better). Ties go to the earlier evaluation, so orderings are deterministic.
 */
public enum Objective {
    LOSS {
        @Override
        public double fitness(Individual individual) {
            return individual.loss();
        }

        @Override
        public boolean reached(Individual individual, double target) {
            return individual.loss() <= target;
        }
    },
    ACCURACY {
        @Override
        public double fitness(Individual individual) {
            return individual.accuracy();
        }

        @Override
        public boolean reached(Individual individual, double target) {
            return individual.accuracy() >= target;
        }
    };

    /** The value this objective ranks by. */
    public abstract double fitness(Individual individual);

    /** Whether an individual reaches a target fitness. */
    public abstract boolean reached(Individual individual, double target);

    /** Best first. */
    public Comparator<Individual> bestFirst() {
        Comparator<Individual> byFitness = this == LOSS
                ? Comparator.comparingDouble(Individual::loss)
                : Comparator.comparingDouble(Individual::accuracy).reversed();
        return byFitness.thenComparingLong(Individual::sequence);
    }
}
