package org.evocnn.model.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Training algorithm of a task; the paper used RMSProp with Keras' defaults. */
public enum Optimizer {
    RMSPROP,
    ADAM,
    SGD;

    @JsonValue
    public String wire() {
        return WireEnums.wire(this);
    }

    @JsonCreator
    public static Optimizer of(String name) {
        return WireEnums.parse(values(), name, "optimizer");
    }

    @Override
    public String toString() {
        return wire();
    }
}
