package org.evocnn.evolution.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.engine.process.Termination;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.TrainingTask;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs: the training task every evaluation carries and the engine's configuration. The input
 * shape and class count always follow the task's data set.
 */
public record RunSpec(TrainingTask task, EvolutionConfig evolution) {

    /** Shapes of the data sets evaluators know. */
    static final Map<String, InputShape> SHAPES = Map.of("mnist", InputShape.MNIST, "fashion-mnist", InputShape.MNIST);

    public RunSpec {
        FieldException.required("task", task);
        FieldException.required("evolution", evolution);
        InputShape shape = SHAPES.get(task.dataset());
        if (shape == null) {
            throw new FieldException("task.dataset", "unknown data set '" + task.dataset() + "', known: "
                    + String.join(", ", SHAPES.keySet().stream().sorted().toList()));
        }
        if (!shape.equals(evolution.input()) || evolution.classes() != 10) {
            evolution = new EvolutionConfig(evolution.mode(), evolution.popSize(), evolution.minPopSize(),
                    evolution.maxInFlight(), evolution.tournamentSize(), evolution.objective(), evolution.searchSpace(),
                    evolution.variation(), evolution.termination(), shape, 10, evolution.seed());
        }
    }

    /** The paper's setting on MNIST, 100 evaluations, seed 1. */
    public static RunSpec defaults() {
        return new RunSpec(TrainingTask.paperFitness("mnist"),
                EvolutionConfig.defaults(Termination.afterEvaluations(100), 1));
    }

    /**
     * A spec from a partial JSON document: every field not given keeps its default (objects are merged field by
     * field, other values replaced).
     *
     * @throws InvalidJsonException naming the offending field
     */
    public static RunSpec fromJson(String json) {
        ObjectMapper mapper = ModelJson.mapper();
        try {
            JsonNode given = json == null || json.isBlank() ? mapper.createObjectNode() : mapper.readTree(json);
            if (!given.isObject()) {
                throw new InvalidJsonException(List.of(new org.evocnn.model.genome.Violation("", "expected a JSON object")), null);
            }
            ObjectNode merged = mapper.valueToTree(defaults());
            merge(merged, (ObjectNode) given);
            return mapper.treeToValue(merged, RunSpec.class);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e);
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
