package org.evocnn.engine.process;

/**
 * Random search over the same space: every free slot gets a random individual, whatever the results say. The
 * population still keeps the best popSize evaluated (for the run's views); it is never bred from.
 */
public final class RandomSearch extends Strategy.Steady {

    public RandomSearch(Breeding breeding) {
        super(breeding);
    }

    @Override
    protected void submitNew(Slots slots) {
        slots.submitNew(() -> breeding.breeder().random(breeding.rng()));
    }
}
