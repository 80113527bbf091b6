package org.evocnn.engine.process;

/**
 * Algorithm 1 (AsyncEA): while the population holds fewer than minPopSize individuals, every free slot gets a random
 * individual; afterwards each result enters the population (the worst is discarded past popSize) and the freed slot
 * immediately gets one offspring. Invalid and failed results never enter the population; their slot is refilled the
 * same way. In mode {@code REGULARIZED} the population discards its oldest instead (regularized evolution: the same
 * loop with aging). With successive halving a freed slot first takes a promotion.
 */
public final class AlgorithmOne extends Strategy.Steady {

    public AlgorithmOne(Breeding breeding) {
        super(breeding);
    }

    @Override
    protected void submitNew(Slots slots) {
        if (!breeding()) {
            slots.submit(breeding.breeder().random(breeding.rng()));
        } else {
            slots.submitNew(() -> breeding.breeder().breed(breeding.population(), breeding.rng()));
        }
    }

    /** True once breeding has started (the population reached minPopSize). */
    public boolean breeding() {
        return breeding.population().size() >= breeding.config().minPopSize();
    }
}
