package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

/**
 * What a network evaluated with weight inheritance took from its parents.
 *
 * @param layers        layers that started from a parent's weights (whole or in part)
 * @param params        parameters copied from parents
 * @param lineageEpochs epochs of training its trained weights hold: this evaluation's, plus the most a parent it
 *                      inherited from held
 * @param error         why some parent's weights could not be used (they were missing or damaged; those layers
 *                      trained from scratch); null when nothing was wrong
 */
public record Inherited(int layers, long params, int lineageEpochs, String error) {

    public Inherited {
        FieldException.inRange("layers", layers, 0, Integer.MAX_VALUE);
        if (params < 0) {
            throw new FieldException("params", "must not be negative");
        }
        FieldException.inRange("lineageEpochs", lineageEpochs, 0, Integer.MAX_VALUE);
    }
}
