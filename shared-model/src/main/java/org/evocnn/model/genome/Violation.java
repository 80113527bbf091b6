package org.evocnn.model.genome;

/** One problem with a genome or message, named by its JSON path, e.g. {@code conv[2].kernelSize: 0 is outside 1..28}. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
