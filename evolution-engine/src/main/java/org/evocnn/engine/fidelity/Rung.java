package org.evocnn.engine.fidelity;

import org.evocnn.model.genome.FieldException;

/**
 * A fidelity below the task's own, for successive halving: the task with another training subset, epochs or folds (0
 * keeps the task's).
 */
public record Rung(int trainingSubset, int epochs, int folds) {

    public Rung {
        FieldException.inRange("trainingSubset", trainingSubset, 0, Integer.MAX_VALUE);
        FieldException.inRange("epochs", epochs, 0, 10_000);
        if (folds != 0) {
            FieldException.inRange("folds", folds, 2, 100);
        }
    }
}
