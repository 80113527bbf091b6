package org.evocnn.model.message;

/**
 * Outcome of an evaluation: {@code ok}; {@code invalid}, the genome cannot be built; {@code failed}, a training or
 * infrastructure error; {@code stopped}, a fold's learning curve was worse than the request's stopping rule allows.
 */
public enum EvaluationStatus {
    OK,
    INVALID,
    FAILED,
    STOPPED;

    public String wire() {
        return WireEnums.wire(this);
    }

    public static EvaluationStatus of(String name) {
        return WireEnums.parse(values(), name, "status");
    }

    @Override
    public String toString() {
        return wire();
    }
}
