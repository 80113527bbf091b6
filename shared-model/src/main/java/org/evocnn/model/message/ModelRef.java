package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

/**
 * The trained network of a final training, as its result names it: the SHA-256 and size of the DL4J model file that
 * travels with the result, or why none was kept (e.g. over the evaluator's size cap).
 *
 * @param sha256 lower-case hex, 64 digits; null when {@code error} says why there is no model
 * @param bytes  the file's size; 0 without one
 * @param error  why the network was not kept; null when it was
 */
public record ModelRef(String sha256, long bytes, String error) {

    public ModelRef {
        if (error == null) {
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new FieldException("sha256", "must be 64 lower-case hex digits");
            }
            if (bytes < 1) {
                throw new FieldException("bytes", "must be positive");
            }
        } else {
            FieldException.nonBlank("error", error);
        }
    }

    public static ModelRef kept(String sha256, long bytes) {
        return new ModelRef(sha256, bytes, null);
    }

    public static ModelRef notKept(String reason) {
        return new ModelRef(null, 0, reason);
    }

    public boolean isKept() {
        return error == null;
    }
}
