package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

import java.util.List;

import static org.evocnn.model.genome.FieldException.nonBlank;
import static org.evocnn.model.genome.FieldException.required;

/**
 * The answer to an {@link EvaluationRequest}, sent to its {@code JMSReplyTo} queue. It carries the request's id
 * fields unchanged, which is how the service routes it.
 *
 * @param fitness         present when {@code status} is ok
 * @param trainableParams present when the genome could be analysed
 * @param error           present when {@code status} is not ok
 * @param epochLosses     with a stopping rule, each fold's validation loss after each of its epochs (the learning
 *                        curves; a stopped evaluation's end where it stopped); null otherwise
 * @param rung            the request's successive-halving rung, carried back; null without
 * @param model           of an ok final training whose evaluator kept the trained network: its hash and size (the
 *                        network itself travels as the body of the reply, docs/models.md), or why it was not kept;
 *                        null otherwise
 * @param inherited       of an evaluation with weight inheritance: what it took from its parents; null otherwise
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
        String error,
        List<List<Double>> epochLosses,
        Integer rung,
        ModelRef model,
        Inherited inherited) {

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
        epochLosses = epochLosses == null ? null : epochLosses.stream().map(List::copyOf).toList();
    }

    /** A result without weight inheritance. */
    public EvaluationResult(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                            EvaluationStatus status, Fitness fitness, Long trainableParams, double wallSeconds,
                            EvaluatorInfo evaluator, String error, List<List<Double>> epochLosses, Integer rung,
                            ModelRef model) {
        this(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds, evaluator,
                error, epochLosses, rung, model, null);
    }

    /** A result without a kept model. */
    public EvaluationResult(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                            EvaluationStatus status, Fitness fitness, Long trainableParams, double wallSeconds,
                            EvaluatorInfo evaluator, String error, List<List<Double>> epochLosses, Integer rung) {
        this(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds, evaluator,
                error, epochLosses, rung, null);
    }

    /** A result without a rung. */
    public EvaluationResult(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                            EvaluationStatus status, Fitness fitness, Long trainableParams, double wallSeconds,
                            EvaluatorInfo evaluator, String error, List<List<Double>> epochLosses) {
        this(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds, evaluator,
                error, epochLosses, null);
    }

    /** A result without learning curves. */
    public EvaluationResult(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                            EvaluationStatus status, Fitness fitness, Long trainableParams, double wallSeconds,
                            EvaluatorInfo evaluator, String error) {
        this(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds, evaluator,
                error, null);
    }

    /** The median stopping rule stopped a fold: {@code reason} says where; the curves up to there. */
    public static EvaluationResult stopped(EvaluationId id, String reason, long trainableParams, double wallSeconds,
                                           EvaluatorInfo evaluator, List<List<Double>> epochLosses) {
        return of(id, EvaluationStatus.STOPPED, null, trainableParams, wallSeconds, evaluator, reason)
                .withEpochLosses(epochLosses);
    }

    /** This result with the learning curves it was measured with. */
    public EvaluationResult withEpochLosses(List<List<Double>> curves) {
        return new EvaluationResult(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams,
                wallSeconds, evaluator, error, curves, rung, model, inherited);
    }

    /** This result as the answer to a request at {@code value}'s rung (null: none). */
    public EvaluationResult atRung(Integer value) {
        return new EvaluationResult(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams,
                wallSeconds, evaluator, error, epochLosses, value, model, inherited);
    }

    /** This result with the trained network's reference (null: none kept). */
    public EvaluationResult withModel(ModelRef value) {
        return new EvaluationResult(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams,
                wallSeconds, evaluator, error, epochLosses, rung, value, inherited);
    }

    /** This result with what it inherited (null: no inheritance). */
    public EvaluationResult withInherited(Inherited value) {
        return new EvaluationResult(schemaVersion, runId, kind, sequence, repeat, status, fitness, trainableParams,
                wallSeconds, evaluator, error, epochLosses, rung, model, value);
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
