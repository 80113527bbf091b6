package org.evocnn.evaluator.data;

import org.evocnn.model.analysis.InputShape;

/** A data set with its standard training and test split. */
public record Dataset(String id, LabeledImages train, LabeledImages test) {

    public InputShape inputShape() {
        return new InputShape(train.rows(), train.cols(), 1);
    }

    public int classes() {
        return train.classes();
    }
}
