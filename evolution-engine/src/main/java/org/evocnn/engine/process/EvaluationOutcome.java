package org.evocnn.engine.process;

import java.util.Objects;

/**
 * The engine's view of an evaluation result (the services map their messages to it).
 *
 * @param sequence the {@link Candidate#sequence()} it answers
 * @param error    the reason when the status is not ok
 */
public record EvaluationOutcome(long sequence, Status status, double loss, double accuracy,
                                long trainableParams, double wallSeconds, String error) {

    /** What became of an evaluation: scored; not trainable (the genome cannot be built or exceeds a cap); failed. */
    public enum Status {
        OK,
        INVALID,
        FAILED
    }

    public EvaluationOutcome {
        Objects.requireNonNull(status, "status");
        if (status == Status.OK && (Double.isNaN(loss) || Double.isNaN(accuracy))) {
            throw new IllegalArgumentException("an ok outcome needs a loss and an accuracy");
        }
    }

    public static EvaluationOutcome ok(long sequence, double loss, double accuracy, long trainableParams,
                                       double wallSeconds) {
        return new EvaluationOutcome(sequence, Status.OK, loss, accuracy, trainableParams, wallSeconds, null);
    }

    public static EvaluationOutcome invalid(long sequence, String reason) {
        return new EvaluationOutcome(sequence, Status.INVALID, Double.NaN, Double.NaN, 0, 0, reason);
    }

    public static EvaluationOutcome failed(long sequence, String error, double wallSeconds) {
        return new EvaluationOutcome(sequence, Status.FAILED, Double.NaN, Double.NaN, 0, wallSeconds, error);
    }
}
