package org.evocnn.model.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.evocnn.model.genome.FieldException;

import static org.evocnn.model.genome.FieldException.nonBlank;
import static org.evocnn.model.genome.FieldException.required;

/**
 * The answer to an {@link EvaluationRequest}, sent to its {@code JMSReplyTo} queue.
 *
 * @param fitness         present when {@code status} is ok
 * @param trainableParams present when the genome could be analysed
 * @param error           present when {@code status} is not ok
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String evaluationId,
        EvaluationKind kind,
        @JsonProperty(required = true) EvaluationStatus status,
        Fitness fitness,
        Long trainableParams,
        double wallSeconds,
        EvaluatorInfo evaluator,
        String error) {

    public static final int SCHEMA_VERSION = 1;

    public EvaluationResult {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        nonBlank("runId", runId);
        nonBlank("evaluationId", evaluationId);
        required("status", status);
        if (status == EvaluationStatus.OK) {
            required("fitness", fitness);
        } else {
            nonBlank("error", error);
        }
    }

    public static EvaluationResult ok(EvaluationRequest request, Fitness fitness, long trainableParams,
                                      double wallSeconds, EvaluatorInfo evaluator) {
        return new EvaluationResult(SCHEMA_VERSION, request.runId(), request.evaluationId(), request.kind(),
                EvaluationStatus.OK, fitness, trainableParams, wallSeconds, evaluator, null);
    }

    /** The genome cannot be built; {@code trainableParams} may be null. */
    public static EvaluationResult invalid(EvaluationRequest request, String reason, Long trainableParams,
                                           EvaluatorInfo evaluator) {
        return new EvaluationResult(SCHEMA_VERSION, request.runId(), request.evaluationId(), request.kind(),
                EvaluationStatus.INVALID, null, trainableParams, 0, evaluator, reason);
    }

    /** Training or infrastructure error; only the ids may be known (e.g. for a malformed request). */
    public static EvaluationResult failed(String runId, String evaluationId, EvaluationKind kind, String error,
                                          double wallSeconds, EvaluatorInfo evaluator) {
        return new EvaluationResult(SCHEMA_VERSION, runId, evaluationId, kind, EvaluationStatus.FAILED, null, null,
                wallSeconds, evaluator, error);
    }

    @JsonIgnore
    public boolean isOk() {
        return status == EvaluationStatus.OK;
    }
}
