package org.evocnn.model.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a genome is evaluated: {@code fitness} (k-fold cross-validation on the training set) or {@code final} (whole
 * training set, scored on the test set).
 */
public enum EvaluationKind {
    FITNESS,
    FINAL;

    @JsonValue
    public String wire() {
        return WireEnums.wire(this);
    }

    @JsonCreator
    public static EvaluationKind of(String name) {
        return WireEnums.parse(values(), name, "kind");
    }

    @Override
    public String toString() {
        return wire();
    }
}
