package org.evocnn.model.analysis;

import org.evocnn.model.genome.FieldException;

/** Height x width x channels of one input image (channels last, as in Keras). */
public record InputShape(int height, int width, int channels) {

    /** MNIST and Fashion-MNIST: 28x28 grey-scale. */
    /** The largest side a data set's images may have (the import's cap; a manifest past it is not trusted). */
    public static final int MAX_SIDE = 1024;

    public static final InputShape MNIST = new InputShape(28, 28, 1);

    public InputShape {
        FieldException.inRange("height", height, 1, 100_000);
        FieldException.inRange("width", width, 1, 100_000);
        FieldException.inRange("channels", channels, 1, 100_000);
    }

    /**
     * {@code 32x32x3}, or {@code 28x28} for one channel; any case, no spaces.
     *
     * @throws FieldException naming {@code field}, with what was expected
     */
    public static InputShape parse(String field, String text) {
        String[] parts = text == null ? new String[0] : text.strip().toLowerCase(java.util.Locale.ROOT).split("x", -1);
        if (parts.length == 2 || parts.length == 3) {
            try {
                int[] values = new int[3];
                values[2] = 1;
                for (int i = 0; i < parts.length; i++) {
                    values[i] = Integer.parseInt(parts[i]);
                }
                return new InputShape(values[0], values[1], values[2]);
            } catch (NumberFormatException e) {
                // the message below says what is expected
            } catch (FieldException e) {
                throw new FieldException(field, "'" + text + "': " + e.field() + " " + e.problem());
            }
        }
        throw new FieldException(field, "must look like 32x32x3 or 28x28 (height x width x channels), not '"
                + text + "'");
    }

    /** Values per image. */
    public long size() {
        return (long) height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
