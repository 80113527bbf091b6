package org.evocnn.model.data;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

/**
 * What the search and the evaluators need to know of a data set without reading it.
 *
 * @param id        the name a training task uses, also the folder of its files in an evaluator's data directory
 * @param input     shape of one image
 * @param classes   number of classes
 * @param trainSize images in the training set
 * @param testSize  images in the test set
 */
public record DatasetInfo(String id, InputShape input, int classes, int trainSize, int testSize) {

    /** What a data set id may look like: a plain name, also a folder's name under the data directory. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9._-]*";

    public DatasetInfo {
        FieldException.nonBlank("id", id);
        if (!id.matches(ID_PATTERN)) {
            throw new FieldException("id", "'" + id + "' is not a plain name (lower-case letters, digits, . _ -)");
        }
        FieldException.required("input", input);
        FieldException.inRange("classes", classes, 2, 65_536);
        FieldException.inRange("trainSize", trainSize, 1, Integer.MAX_VALUE);
        FieldException.inRange("testSize", testSize, 0, Integer.MAX_VALUE);
    }
}
