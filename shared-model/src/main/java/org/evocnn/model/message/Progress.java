package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

import java.util.List;

/**
 * How far an interrupted fitness evaluation got: an evaluator told to stop (scale-in) finishes the fold it trains and
 * sends the request back with this, so the next evaluator trains only the folds missing, with the same split and
 * seeds. {@code interruptions} counts how often the evaluation was handed on, so one that keeps landing on dying
 * evaluators is eventually left to the broker's redelivery instead.
 *
 * @param folds the folds done, each with its validation scores (and learning curve, with a stopping rule)
 */
public record Progress(int interruptions, List<Fold> folds) {

    /** One finished fold: its index (1-based), validation loss and accuracy, and its curve when one was kept. */
    public record Fold(int fold, double loss, double accuracy, List<Double> epochLosses) {
        public Fold {
            FieldException.inRange("fold", fold, 1, 100);
            epochLosses = epochLosses == null ? null : List.copyOf(epochLosses);
        }
    }

    public Progress {
        FieldException.inRange("interruptions", interruptions, 0, 1_000);
        folds = List.copyOf(FieldException.required("folds", folds));
    }

    /** The score of fold {@code index} if it is done. */
    public java.util.Optional<Fold> fold(int index) {
        return folds.stream().filter(f -> f.fold() == index).findFirst();
    }
}
