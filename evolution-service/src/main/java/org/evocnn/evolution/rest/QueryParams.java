package org.evocnn.evolution.rest;

import org.evocnn.model.genome.FieldException;
import org.evocnn.model.message.EvaluationStatus;

/**
 * Query parameters read by the resources themselves: JAX-RS answers a parameter it cannot convert with 404, as if
 * the resource did not exist; a value that does not parse is a bad request, 400, naming the parameter.
 */
final class QueryParams {

    private QueryParams() {
    }

    /** @throws FieldException naming the parameter when the value is not an integer in min..max */
    static int intIn(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new FieldException(name, "'" + value + "' is not a whole number");
        }
        return FieldException.inRange(name, parsed, min, max);
    }

    /** An optional whole number: null when not given. */
    static Integer optionalIntIn(String name, String value, int min, int max) {
        return value == null ? null : intIn(name, value, min, max);
    }

    /** @throws FieldException naming the parameter when the value is not one of the statuses */
    static EvaluationStatus status(String name, String value) {
        try {
            return EvaluationStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw new FieldException(name, e.getMessage());
        }
    }
}
