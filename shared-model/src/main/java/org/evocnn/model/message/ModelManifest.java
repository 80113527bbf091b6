package org.evocnn.model.message;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Genome;

import java.util.List;

/**
 * What a user needs to use a trained network outside evocnn, kept next to its model file and inside its ONNX export:
 * how an image becomes its input, what its outputs mean, where it came from and how well it did.
 *
 * @param dataset       the data set it was trained on
 * @param input         height x width x channels of one image, as the data set stores it
 * @param channels      {@code gray} (one channel) or {@code rgb} (three, in that order)
 * @param layout        {@code nchw}: batch, channel, row, column (the ONNX input; the DL4J model takes each image
 *                      flattened in that order)
 * @param pixelScale    the input value of a pixel is its byte value (0-255) times this
 * @param classNames    output i is the probability of class i
 * @param evaluationId  the final training (and repeat) that trained it
 * @param sha256        of the DL4J model file
 * @param bytes         the DL4J model file's size
 */
public record ModelManifest(int schemaVersion, String dataset, InputShape input, String channels, String layout,
                            double pixelScale, List<String> classNames, Genome genome, double testAccuracy,
                            double testLoss, String evaluationId, String evocnnVersion, String sha256, long bytes) {

    public static final int SCHEMA_VERSION = 1;
    public static final String LAYOUT = "nchw";
    /** Bytes 0-255 to [0, 1], as every training did. */
    public static final double PIXEL_SCALE = 1.0 / 255;

    public ModelManifest {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        FieldException.nonBlank("dataset", dataset);
        FieldException.required("input", input);
        if (!channelsOf(input).equals(channels)) {
            throw new FieldException("channels", "'" + channels + "' for " + input.channels() + " channel(s), expected "
                    + channelsOf(input));
        }
        if (!LAYOUT.equals(layout)) {
            throw new FieldException("layout", "'" + layout + "' is not supported (supported: " + LAYOUT + ")");
        }
        FieldException.required("classNames", classNames);
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new FieldException("classNames", "at least two classes");
        }
        FieldException.required("genome", genome);
        FieldException.nonBlank("evaluationId", evaluationId);
        ModelRef.kept(sha256, bytes); // validates both
    }

    /** The manifest of a trained network. */
    public static ModelManifest of(String dataset, InputShape input, List<String> classNames, Genome genome,
                                   Fitness test, String evaluationId, String sha256, long bytes) {
        return new ModelManifest(SCHEMA_VERSION, dataset, input, channelsOf(input), LAYOUT, PIXEL_SCALE, classNames,
                genome, test.accuracy(), test.loss(), evaluationId, EvocnnVersion.get(), sha256, bytes);
    }

    /** {@code gray} for one channel, {@code rgb} for three. */
    public static String channelsOf(InputShape input) {
        return switch (input.channels()) {
            case 1 -> "gray";
            case 3 -> "rgb";
            default -> input.channels() + "-channel";
        };
    }

    public int classes() {
        return classNames.size();
    }
}
