package org.evocnn.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.json.ModelJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named starting points of a run spec: a request's {@code preset} chooses the whole spec its other fields override.
 * Each is a complete spec document committed under {@code presets/} (a resource of this module), so a preset never
 * moves when the code's defaults do. {@code paper} is the paper's algorithm and task exactly (EvoCNN's asynchronous
 * evolution, 3-fold cross-validation, 10 epochs, the paper's operators and rates), checked field by field against
 * {@link RunSpec#defaults()} by the tests. The default preset is the paper's until the fidelity study shows a better
 * one (docs/benchmarks.md).
 */
public final class Presets {

    public static final String PAPER = "paper";
    /** The preset of a request that names none. */
    public static final String DEFAULT = PAPER;

    private Presets() {
    }

    /** Parsed once each: every spec read starts from one. */
    private static final Map<String, ObjectNode> DOCUMENTS = new ConcurrentHashMap<>();

    /** A copy of the preset's whole spec document. @throws FieldException for an unknown name */
    static ObjectNode document(String name) {
        return DOCUMENTS.computeIfAbsent(RunOptions.chosen(RunOptions.PRESET, name), Presets::load).deepCopy();
    }

    private static ObjectNode load(String chosen) {
        try (InputStream in = Presets.class.getResourceAsStream("/presets/" + chosen + ".json")) {
            if (in == null) {
                throw new IllegalStateException("preset " + chosen + " has no document");
            }
            return (ObjectNode) ModelJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
