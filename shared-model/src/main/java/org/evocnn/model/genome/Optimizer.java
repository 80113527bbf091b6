package org.evocnn.model.genome;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Training algorithms with Keras' defaults: RMSProp (the paper's), Adam, and SGD with Nesterov momentum 0.9. A
 * task names one; a genome may carry its own (its training genes).
 */
public enum Optimizer {
    RMSPROP,
    ADAM,
    SGD;

    /** Values of optimizer state kept per parameter: RMSProp's mean square, Adam's two moments, SGD's momentum. */
    public int stateCopies() {
        return switch (this) {
            case RMSPROP, SGD -> 1;
            case ADAM -> 2;
        };
    }

    /** The name in JSON: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed names */
    public static Optimizer of(String name) {
        for (Optimizer optimizer : values()) {
            if (optimizer.wire().equalsIgnoreCase(name)) {
                return optimizer;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "', allowed: "
                + Arrays.stream(values()).map(Optimizer::wire).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wire();
    }
}
