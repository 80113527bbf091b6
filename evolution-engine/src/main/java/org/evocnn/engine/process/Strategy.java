package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

/**
 * What a loop submits when evaluation slots free and where an ok result goes: the paper's asynchronous evolution, random
 * search or the synchronous generational GA. The loop ({@link Evolution}) does the rest: numbering, the optional
 * cache, successive halving and screening, termination, statistics. A strategy breeds with its {@link Breeding}.
 */
public interface Strategy {

    /** Submits through {@code slots} while one is free and there is something to submit. */
    void fill(Slots slots);

    /** An ok result at the task's fidelity: where it goes. */
    void admit(Individual individual, Slots slots);

    /** An invalid or failed result; by default nothing to undo ({@link #fill} refills the slot). */
    default void lost(Candidate candidate, Slots slots) {
    }

    /** Rounds of migration between sub-populations so far (only the island model has them). */
    default int migrations() {
        return 0;
    }

    /**
     * A population that keeps the best (or, regularized, the youngest) popSize results, bred from or not; each freed
     * slot takes a promotion if successive halving has one, else a new genome.
     */
    abstract class Steady implements Strategy {

        protected final Breeding breeding;

        protected Steady(Breeding breeding) {
            this.breeding = breeding;
        }

        @Override
        public void fill(Slots slots) {
            while (slots.free()) {
                if (!slots.promote()) {
                    submitNew(slots);
                }
            }
        }

        /** Submits one new genome. */
        protected abstract void submitNew(Slots slots);

        @Override
        public void admit(Individual individual, Slots slots) {
            breeding.population().insert(individual).ifPresent(slots::discarded);
        }
    }
}
