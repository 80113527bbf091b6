package org.evocnn.model.message;

/** Training algorithm of a task; the paper used RMSProp with Keras' defaults. */
public enum Optimizer {
    RMSPROP,
    ADAM,
    SGD;

    public String wire() {
        return WireEnums.wire(this);
    }

    public static Optimizer of(String name) {
        return WireEnums.parse(values(), name, "optimizer");
    }

    @Override
    public String toString() {
        return wire();
    }
}
