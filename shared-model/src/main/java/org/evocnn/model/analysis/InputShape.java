package org.evocnn.model.analysis;

import org.evocnn.model.genome.FieldException;

/** Height x width x channels of one input image (channels last, as in Keras). */
public record InputShape(int height, int width, int channels) {

    /** MNIST and Fashion-MNIST: 28x28 grey-scale. */
    public static final InputShape MNIST = new InputShape(28, 28, 1);

    public InputShape {
        FieldException.inRange("height", height, 1, 100_000);
        FieldException.inRange("width", width, 1, 100_000);
        FieldException.inRange("channels", channels, 1, 100_000);
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
