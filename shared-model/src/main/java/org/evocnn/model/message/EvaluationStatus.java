package org.evocnn.model.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Outcome of an evaluation: {@code ok}; {@code invalid}, the genome cannot be built; {@code failed}, a training or
 * infrastructure error.
 */
public enum EvaluationStatus {
    OK,
    INVALID,
    FAILED;

    @JsonValue
    public String wire() {
        return WireEnums.wire(this);
    }

    @JsonCreator
    public static EvaluationStatus of(String name) {
        return WireEnums.parse(values(), name, "status");
    }

    @Override
    public String toString() {
        return wire();
    }
}
