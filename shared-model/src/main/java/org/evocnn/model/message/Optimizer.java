package org.evocnn.model.message;

/** Training algorithm of a task; the paper used RMSProp with Keras' defaults. */
public enum Optimizer {
    RMSPROP,
    ADAM,
    SGD;

    /** Values of optimizer state kept per parameter: RMSProp's mean square, Adam's two moments, none for SGD. */
    public int stateCopies() {
        return switch (this) {
            case RMSPROP -> 1;
            case ADAM -> 2;
            case SGD -> 0;
        };
    }

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
