package org.evocnn.model.genome;

import java.util.Objects;

/**
 * A fully connected layer of the classifier part I2: {@code size} units, then dropout with the Keras-style drop
 * rate {@code dropout} (0 means no dropout layer).
 */
public record DenseBlock(
        int size,
        double dropout,
        Activation activation) {

    public DenseBlock {
        Objects.requireNonNull(activation, "activation");
    }

    public DenseBlock withSize(int value) {
        return new DenseBlock(value, dropout, activation);
    }

    public DenseBlock withDropout(double value) {
        return new DenseBlock(size, value, activation);
    }

    public DenseBlock withActivation(Activation value) {
        return new DenseBlock(size, dropout, value);
    }
}
