package org.evocnn.evaluator.data;

/**
 * Grey-scale images and their class labels, kept as bytes (a 60,000-image set takes 47 MB) and converted to floats
 * batch by batch.
 */
public record LabeledImages(byte[] pixels, byte[] labels, int rows, int cols, int classes) {

    public LabeledImages {
        if (pixels.length != labels.length * rows * cols) {
            throw new DatasetException(labels.length + " labels for " + pixels.length / Math.max(1, rows * cols)
                    + " images");
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
        return rows * cols;
    }

    /** Whether these grey-scale images have the given shape. */
    public boolean shapeMatches(org.evocnn.model.analysis.InputShape shape) {
        return shape.height() == rows && shape.width() == cols && shape.channels() == 1;
    }
}
