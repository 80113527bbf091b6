package org.evocnn.model.genome;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Activation functions of the paper's search space (Keras names), plus leaky_relu for its Fashion-MNIST baseline. */
public enum Activation {
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    HARD_SIGMOID("hard_sigmoid"),
    LINEAR("linear"),
    LEAKY_RELU("leaky_relu");

    private final String keras;

    Activation(String keras) {
        this.keras = keras;
    }

    /** The Keras name, used in JSON and summaries. */
    public String keras() {
        return keras;
    }

    /**
     * Parses a Keras name. The paper also writes "hardsigmoid" and "leakyRelu", so case, '_' and '-' are ignored.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Activation of(String name) {
        if (name != null) {
            String key = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (Activation a : values()) {
                if (a.keras.replace("_", "").equals(key)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "', allowed: " + allowedNames());
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(Activation::keras).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return keras;
    }
}
