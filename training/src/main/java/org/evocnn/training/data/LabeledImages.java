package org.evocnn.training.data;

/**
 * Images and their class labels, kept as bytes (a 60,000-image grey-scale set takes 47 MB) and converted to floats
 * batch by batch. A colour image is stored channel by channel (all of channel 0, then 1, ...), the order DL4J's flat
 * convolutional input expects.
 */
public record LabeledImages(byte[] pixels, byte[] labels, int rows, int cols, int channels, int classes) {

    /** Grey-scale images. */
    public LabeledImages(byte[] pixels, byte[] labels, int rows, int cols, int classes) {
        this(pixels, labels, rows, cols, 1, classes);
    }

    public LabeledImages {
        if (pixels.length != (long) labels.length * rows * cols * channels) {
            throw new DatasetException(labels.length + " labels for "
                    + pixels.length / Math.max(1, rows * cols * channels) + " images");
        }
        for (byte label : labels) {
            if ((label & 0xff) >= classes) {
                throw new DatasetException("label " + (label & 0xff) + " is not below the class count " + classes);
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index] & 0xff;
    }

    public int pixelsPerImage() {
        return rows * cols * channels;
    }

    /** Whether these images have the given shape. */
    public boolean shapeMatches(org.evocnn.model.analysis.InputShape shape) {
        return shape.height() == rows && shape.width() == cols && shape.channels() == channels;
    }
}
