package org.evocnn.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of a {@link RunSpec}: the REST body that creates a run and the first line of its journal, read and
 * written option by option from {@link RunOptions}. A body is partial (every option left out keeps its default;
 * groups merge field by field); reading is strict (an unknown field is an error) and every error names its field
 * path.
 */
public final class RunSpecJson {

    private static final ObjectMapper MAPPER = ModelJson.mapper();

    private RunSpecJson() {
    }

    /**
     * A spec from a partial JSON document over its {@code preset}'s whole spec ({@link Presets#DEFAULT} when it names
     * none); a blank body means the default preset.
     *
     * @throws InvalidJsonException naming the offending field
     */
    public static RunSpec read(String json) {
        try {
            JsonNode given = json == null || json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
            return read(given);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e);
        }
    }

    /**
     * The spec of a request to start a run: a partial document as {@link #read(String)} takes it, which must also
     * state a budget ({@code evolution.termination}: the paper's defaults train 3 folds x 10 epochs per evaluation,
     * hours on a CPU, so nobody gets a long run by leaving the body empty) and a task the data set can serve.
     *
     * @throws InvalidJsonException naming the offending field
     */
    public static RunSpec readRequest(String json) {
        RunSpec spec = read(json);
        try {
            JsonNode termination = json == null || json.isBlank() ? null
                    : MAPPER.readTree(json).path("evolution").path("termination");
            if (termination == null || !termination.isObject() || termination.isEmpty()) {
                throw new FieldException("evolution.termination", "missing: give a budget (maxEvaluations, "
                        + "timeBudgetSeconds, maxEvaluatorSeconds or targetFitness); with the paper's task one "
                        + "evaluation trains 3 folds x 10 epochs");
            }
            spec.checkFeasible();
            return spec;
        } catch (FieldException e) {
            throw new InvalidJsonException(List.of(new Violation(e.field(), e.problem())), e);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e); // read() parsed it already
        }
    }

    /**
     * The spec of a journal's {@code created} entry. Options that came after the journal's format are filled in
     * off, not with today's defaults, so that the run replays as it ran: format 1 knew no FLOP or memory cap.
     */
    public static RunSpec readJournaled(JsonNode config, int format) {
        if (format < 2 && config instanceof ObjectNode object
                && object.path("evolution").path("searchSpace") instanceof ObjectNode space) {
            ObjectNode copy = object.deepCopy();
            ObjectNode copiedSpace = (ObjectNode) copy.path("evolution").path("searchSpace");
            if (!space.has("maxFlops")) {
                copiedSpace.put("maxFlops", 0);
            }
            if (!space.has("maxTrainingBytes")) {
                copiedSpace.put("maxTrainingBytes", 0);
            }
            return read(copy);
        }
        return read(config);
    }

    /** A spec from a parsed partial document. */
    public static RunSpec read(JsonNode given) {
        if (given == null || !given.isObject()) {
            throw new InvalidJsonException(List.of(new Violation("", "expected a JSON object")), null);
        }
        try {
            checkKnown("", (ObjectNode) given);
            JsonNode preset = given.path("preset");
            ObjectNode merged = Presets.document(preset.isMissingNode() || preset.isNull() ? Presets.DEFAULT
                    : preset.asText());
            // the input shape and classes follow the task's data set: the defaults' (MNIST's) are not a given
            ((ObjectNode) merged.path("evolution")).remove(List.of("input", "classes"));
            merge(merged, (ObjectNode) given);
            Map<RunOption<?>, Object> values = new HashMap<>();
            for (RunOption<?> option : RunOptions.all()) {
                values.put(option, value(option, merged.at(option.pointer())));
            }
            return new SpecAssembly(values).spec();
        } catch (FieldException e) {
            throw new InvalidJsonException(List.of(new Violation(e.field(), e.problem())), e);
        }
    }

    /** The whole spec, every option filled in. */
    public static ObjectNode write(RunSpec spec) {
        ObjectNode document = MAPPER.createObjectNode();
        for (RunOption<?> option : RunOptions.all()) {
            put(document, option.path(), MAPPER.valueToTree(option.of(spec)));
        }
        return document;
    }

    /** Puts {@code value} at a dotted path, making the groups on the way. */
    static void put(ObjectNode document, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode group = document;
        for (int i = 0; i < names.length - 1; i++) {
            group = group.has(names[i]) ? (ObjectNode) group.get(names[i]) : group.putObject(names[i]);
        }
        group.set(names[names.length - 1], value);
    }

    private static Object value(RunOption<?> option, JsonNode node) {
        boolean derived = option == RunOptions.INPUT || option == RunOptions.CLASSES;
        if (node.isMissingNode() || node.isNull()) {
            if (derived) {
                return null;
            }
            throw new FieldException(option.path(), "missing");
        }
        try {
            return MAPPER.readerFor(option.type()).readValue(node);
        } catch (JsonProcessingException e) {
            Violation v = ModelJson.violationOf(e);
            throw new FieldException(v.field().isEmpty() ? option.path() : option.path() + "." + v.field(),
                    v.message());
        } catch (java.io.IOException e) {
            throw new FieldException(option.path(), e.getMessage());
        }
    }

    /** Every field of a given document is an option or a group of options; errors list the group's fields. */
    private static void checkKnown(String prefix, ObjectNode given) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (RunOptions.at(path).isPresent()) {
                continue;
            }
            Set<String> known = new TreeSet<>();
            for (RunOption<?> option : RunOptions.all()) {
                String p = option.path();
                if (prefix.isEmpty() ? true : p.startsWith(prefix + ".")) {
                    String rest = prefix.isEmpty() ? p : p.substring(prefix.length() + 1);
                    known.add(rest.split("\\.")[0]);
                }
            }
            if (!known.contains(field.getKey())) {
                throw new FieldException(path, "unknown field, known: " + String.join(", ", known));
            }
            if (!(field.getValue() instanceof ObjectNode group)) {
                throw new FieldException(path, "expected an object");
            }
            checkKnown(path, group);
        }
    }

    private static void merge(ObjectNode target, ObjectNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode updateObject) {
                merge(existingObject, updateObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
