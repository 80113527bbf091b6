package org.evocnn.engine.surrogate;

import java.util.List;

/** A regression model of the loss from a genome's {@link Features}, fitted on a run's results. */
@FunctionalInterface
public interface SurrogateModel {

    double predict(double[] features);

    /**
     * Fits models. It must be deterministic (the same data give the same model), since a replayed run refits at the
     * same results and must choose the same candidates.
     */
    @FunctionalInterface
    interface Trainer {
        SurrogateModel fit(List<String> featureNames, double[][] features, double[] losses);
    }
}
