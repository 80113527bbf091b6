package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * At what fidelity candidates are evaluated and which results the population takes: the task's own for all
 * ({@link #SINGLE}, the paper) or successive halving's rungs ({@link HalvingFidelity}).
 */
interface Fidelity {

    /** Where the loop puts what a fidelity lets through. */
    interface Admission {
        /** A result at the task's fidelity: it may become the run's best, and enters the population. */
        void top(Individual individual);

        /** A result moved to the top rung's scale: it enters the population, never the best. */
        void adjusted(Individual individual);

        /** A result the population holds no longer (its genome's higher-rung result replaces it). */
        void remove(long sequence);
    }

    /** Every candidate at the task's fidelity: every ok result is a top result. */
    Fidelity SINGLE = new Fidelity() {
    };

    /** The next promotion to submit, numbered by {@code sequences}; empty when none is due. */
    default Optional<Candidate> promotion(LongSupplier sequences) {
        return Optional.empty();
    }

    /** An ok result of {@code candidate}. */
    default void measured(Candidate candidate, Individual individual, Admission admission) {
        admission.top(individual);
    }

    /** Promotions so far. */
    default long promotions() {
        return 0;
    }
}
