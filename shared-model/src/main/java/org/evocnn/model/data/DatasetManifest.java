package org.evocnn.model.data;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

import java.util.List;

/**
 * The description of a user's data set, {@code <dataDir>/<id>/dataset.json}, next to its IDX files: everything the
 * service needs to check a run against it without reading the images.
 *
 * @param layout     {@code chw}: colour images are stored channel by channel (IDX dimensions n, c, h, w), the order
 *                   DL4J's flat convolutional input takes; grey-scale ones as n, h, w
 * @param source     where the images came from, for people
 * @param skipped    files of the source that were not readable images
 */
public record DatasetManifest(int schemaVersion, String id, InputShape input, int classes, List<String> classNames,
                              int trainSize, int testSize, String layout, String source, int skipped) {

    public static final int SCHEMA_VERSION = 1;
    public static final String LAYOUT = "chw";

    public DatasetManifest {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        FieldException.required("classNames", classNames);
        classNames = List.copyOf(classNames);
        if (classNames.size() != classes) {
            throw new FieldException("classNames", classNames.size() + " names for " + classes + " classes");
        }
        if (!LAYOUT.equals(layout)) {
            throw new FieldException("layout", "'" + layout + "' is not supported (supported: " + LAYOUT + ")");
        }
        info(id, input, classes, trainSize, testSize); // validates the rest
    }

    private static DatasetInfo info(String id, InputShape input, int classes, int trainSize, int testSize) {
        return new DatasetInfo(id, input, classes, trainSize, testSize);
    }

    public DatasetInfo info() {
        return info(id, input, classes, trainSize, testSize);
    }
}
