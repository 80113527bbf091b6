package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

import static org.evocnn.model.genome.FieldException.nonBlank;
import static org.evocnn.model.genome.FieldException.required;

/**
 * The answer to an {@link EvaluationRequest}, sent to its {@code JMSReplyTo} queue. It carries the request's id
 * fields unchanged, which is how the service routes it.
 *
 * @param fitness         present when {@code status} is ok
 * @param trainableParams present when the genome could be analysed
 * @param error           present when {@code status} is not ok
 */
public record EvaluationResult(
        int schemaVersion,
        String runId,
        EvaluationKind kind,
        long sequence,
        int repeat,
        EvaluationStatus status,
        Fitness fitness,
        Long trainableParams,
        double wallSeconds,
        EvaluatorInfo evaluator,
        String error) {

    public static final int SCHEMA_VERSION = EvaluationRequest.SCHEMA_VERSION;

    public EvaluationResult {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        new EvaluationId(runId, kind, sequence, repeat);
        required("status", status);
        if (status == EvaluationStatus.OK) {
            required("fitness", fitness);
        } else {
            nonBlank("error", error);
        }
    }

    public static EvaluationResult ok(EvaluationId id, Fitness fitness, long trainableParams, double wallSeconds,
                                      EvaluatorInfo evaluator) {
        return of(id, EvaluationStatus.OK, fitness, trainableParams, wallSeconds, evaluator, null);
    }

    /** The genome cannot be trained; {@code trainableParams} may be null. */
    public static EvaluationResult invalid(EvaluationId id, String reason, Long trainableParams,
                                           EvaluatorInfo evaluator) {
        return of(id, EvaluationStatus.INVALID, null, trainableParams, 0, evaluator, reason);
    }

    /** Training or infrastructure error. */
    public static EvaluationResult failed(EvaluationId id, String error, double wallSeconds, EvaluatorInfo evaluator) {
        return of(id, EvaluationStatus.FAILED, null, null, wallSeconds, evaluator, error);
    }

    private static EvaluationResult of(EvaluationId id, EvaluationStatus status, Fitness fitness, Long params,
                                       double wallSeconds, EvaluatorInfo evaluator, String error) {
        return new EvaluationResult(SCHEMA_VERSION, id.runId(), id.kind(), id.sequence(), id.repeat(), status, fitness,
                params, wallSeconds, evaluator, error);
    }

    public EvaluationId id() {
        return new EvaluationId(runId, kind, sequence, repeat);
    }

    /** The id's text form. */
    public String evaluationId() {
        return id().text();
    }

    public boolean isOk() {
        return status == EvaluationStatus.OK;
    }
}
