package org.evocnn.engine.fidelity;

import org.evocnn.model.genome.FieldException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier): an evaluation whose best validation loss by epoch e
 * is worse than the median, over completed evaluations, of their running-average loss at epoch e is stopped. This
 * computes those medians from the learning curves of completed evaluations (of one fidelity); the evaluators apply
 * them. Inactive until {@code minResults} completed curves reach an epoch.
 */
public record MedianStoppingRule(int minResults) {

    /** Completed curves the rule waits for, unless a spec says otherwise. */
    public static final int DEFAULT_MIN_RESULTS = 5;

    public MedianStoppingRule {
        FieldException.inRange("minResults", minResults, 1, 100_000);
    }

    /**
     * The threshold after each epoch 1..{@code epochs}: null where fewer than {@code minResults} completed
     * evaluations reached that epoch.
     *
     * @param completed one entry per completed evaluation: its folds' validation losses after each epoch
     */
    public List<Double> thresholds(List<List<List<Double>>> completed, int epochs) {
        List<Double> thresholds = new ArrayList<>(epochs);
        for (int e = 1; e <= epochs; e++) {
            double[] values = new double[completed.size()];
            int n = 0;
            for (List<List<Double>> folds : completed) {
                double value = runningAverage(folds, e);
                if (!Double.isNaN(value)) {
                    values[n++] = value;
                }
            }
            thresholds.add(n >= minResults ? median(Arrays.copyOf(values, n)) : null);
        }
        return thresholds;
    }

    /** The mean over folds of each fold's mean loss over epochs 1..e; NaN when a fold has not reached epoch e. */
    static double runningAverage(List<List<Double>> folds, int epoch) {
        if (folds.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (List<Double> curve : folds) {
            if (curve.size() < epoch) {
                return Double.NaN;
            }
            double foldSum = 0;
            for (int i = 0; i < epoch; i++) {
                foldSum += curve.get(i);
            }
            sum += foldSum / epoch;
        }
        return sum / folds.size();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
