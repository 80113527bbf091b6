package org.evocnn.model.json;

import org.evocnn.model.genome.Violation;

import java.util.List;
import java.util.stream.Collectors;

/** A JSON document that cannot be read into a model object; each violation names its field path. */
public class InvalidJsonException extends IllegalArgumentException {
    private final transient List<Violation> violations;

    public InvalidJsonException(List<Violation> violations, Throwable cause) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), cause);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
