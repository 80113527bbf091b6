package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, Google Vizier) as a request carries it: after epoch e of a fold, the
 * fold's best validation loss so far may be at most {@code thresholds[e-1]}, the median over the run's completed
 * evaluations of their running-average loss at epoch e; a fold above it stops, and the evaluation is answered
 * {@code stopped}. A null threshold (or none for that epoch) lets the fold go on. The service computes the
 * thresholds, so evaluators stay stateless.
 */
public record MedianStopping(List<Double> thresholds) {

    public MedianStopping {
        FieldException.required("thresholds", thresholds);
        for (int i = 0; i < thresholds.size(); i++) {
            Double t = thresholds.get(i);
            if (t != null && !(t >= 0 && Double.isFinite(t))) {
                throw new FieldException("thresholds[" + i + "]", t + " is not a finite loss >= 0");
            }
        }
        thresholds = Collections.unmodifiableList(new ArrayList<>(thresholds)); // nulls allowed
    }

    /** The threshold after epoch {@code epoch} (1-based), or null when there is none. */
    public Double after(int epoch) {
        return epoch >= 1 && epoch <= thresholds.size() ? thresholds.get(epoch - 1) : null;
    }

    /** Whether a fold whose best loss up to {@code epoch} is {@code bestSoFar} stops. */
    public boolean stops(int epoch, double bestSoFar) {
        Double t = after(epoch);
        return t != null && (Double.isNaN(bestSoFar) || bestSoFar > t);
    }
}
