package org.evocnn.model.genome;

import java.util.Locale;

/**
 * Keras padding modes. Genomes of the search space leave padding unset (conv: same, pool: valid); the paper's human
 * baselines set it explicitly.
 */
public enum Padding {
    SAME,
    VALID;

    public String keras() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Padding of(String name) {
        if (name != null) {
            for (Padding p : values()) {
                if (p.keras().equalsIgnoreCase(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown padding '" + name + "', allowed: same, valid");
    }

    /** Output side of a window of {@code window} moved by {@code stride} over {@code input} cells. */
    public int outputSide(int input, int window, int stride) {
        return this == SAME
                ? (input + stride - 1) / stride
                : Math.floorDiv(input - window, stride) + 1;
    }

    @Override
    public String toString() {
        return keras();
    }
}
