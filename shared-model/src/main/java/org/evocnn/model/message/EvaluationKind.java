package org.evocnn.model.message;

/**
 * Why a genome is evaluated: {@code fitness} (k-fold cross-validation on the training set) or {@code final} (whole
 * training set, scored on the test set).
 */
public enum EvaluationKind {
    FITNESS,
    FINAL;

    public String wire() {
        return WireEnums.wire(this);
    }

    public static EvaluationKind of(String name) {
        return WireEnums.parse(values(), name, "kind");
    }

    @Override
    public String toString() {
        return wire();
    }
}
