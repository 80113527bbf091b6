package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

import java.util.List;

/**
 * Scores of an evaluation. For kind {@code fitness}: mean validation loss (categorical cross-entropy) and accuracy
 * over the folds, and each fold's values. For kind {@code final}: test-set loss and accuracy, with empty fold lists.
 */
public record Fitness(
        double loss,
        double accuracy,
        List<Double> foldLosses,
        List<Double> foldAccuracies) {

    public Fitness {
        if (!Double.isFinite(loss) || loss < 0) {
            throw new FieldException("loss", loss + " is not a finite non-negative number");
        }
        FieldException.inRange("accuracy", accuracy, 0.0, 1.0);
        foldLosses = foldLosses == null ? List.of() : List.copyOf(foldLosses);
        foldAccuracies = foldAccuracies == null ? List.of() : List.copyOf(foldAccuracies);
        if (foldLosses.size() != foldAccuracies.size()) {
            throw new FieldException("foldAccuracies", foldAccuracies.size() + " values for "
                    + foldLosses.size() + " fold losses");
        }
    }

    /** Means over per-fold scores. */
    public static Fitness ofFolds(List<Double> foldLosses, List<Double> foldAccuracies) {
        double loss = foldLosses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double accuracy = foldAccuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Fitness(loss, accuracy, foldLosses, foldAccuracies);
    }

    /** A test-set score. */
    public static Fitness ofTest(double loss, double accuracy) {
        return new Fitness(loss, accuracy, List.of(), List.of());
    }
}
