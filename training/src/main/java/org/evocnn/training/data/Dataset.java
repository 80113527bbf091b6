package org.evocnn.training.data;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetInfo;

/** A data set of the catalog with its training and test images. */
public record Dataset(DatasetInfo info, LabeledImages train, LabeledImages test) {

    public String id() {
        return info.id();
    }

    public InputShape inputShape() {
        return info.input();
    }

    public int classes() {
        return info.classes();
    }
}
