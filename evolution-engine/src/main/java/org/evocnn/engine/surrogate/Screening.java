package org.evocnn.engine.surrogate;

import org.evocnn.model.genome.FieldException;

/**
 * Surrogate pre-screening (the paper's proposed future work): once {@code minResults} results are in, every slot that
 * would get a new genome breeds {@code candidates} of them, a regression model of the run's results predicts their
 * loss, and only the best predicted is sent. The model is fitted again every {@code refitEvery} results. One candidate
 * is off.
 */
public record Screening(int candidates, int minResults, int refitEvery) {

    public static final Screening OFF = new Screening(1, 20, 10);

    public Screening {
        FieldException.inRange("candidates", candidates, 1, 1_000);
        FieldException.inRange("minResults", minResults, 2, 1_000_000);
        FieldException.inRange("refitEvery", refitEvery, 1, 1_000_000);
    }

    public boolean enabled() {
        return candidates > 1;
    }
}
