package org.evocnn.engine.process;

import org.evocnn.model.message.EvaluationStatus;

import java.util.Objects;

/**
 * The engine's view of an evaluation result.
 *
 * @param sequence the {@link Candidate#sequence()} it answers
 * @param error    the reason when the status is not ok
 */
public record EvaluationOutcome(long sequence, EvaluationStatus status, double loss, double accuracy,
                                long trainableParams, double wallSeconds, String error) {

    public EvaluationOutcome {
        Objects.requireNonNull(status, "status");
        if (status == EvaluationStatus.OK && (Double.isNaN(loss) || Double.isNaN(accuracy))) {
            throw new IllegalArgumentException("an ok outcome needs a loss and an accuracy");
        }
    }

    public static EvaluationOutcome ok(long sequence, double loss, double accuracy, long trainableParams,
                                       double wallSeconds) {
        return new EvaluationOutcome(sequence, EvaluationStatus.OK, loss, accuracy, trainableParams, wallSeconds, null);
    }

    public static EvaluationOutcome invalid(long sequence, String reason) {
        return new EvaluationOutcome(sequence, EvaluationStatus.INVALID, Double.NaN, Double.NaN, 0, 0, reason);
    }

    public static EvaluationOutcome failed(long sequence, String error, double wallSeconds) {
        return new EvaluationOutcome(sequence, EvaluationStatus.FAILED, Double.NaN, Double.NaN, 0, wallSeconds, error);
    }
}
