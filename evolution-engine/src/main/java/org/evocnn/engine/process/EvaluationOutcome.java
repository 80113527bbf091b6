package org.evocnn.engine.process;

import java.util.Objects;

/**
 * The engine's view of an evaluation result (the services map their messages to it).
 *
 * @param sequence   the {@link Candidate#sequence()} it answers
 * @param error      the reason when the status is not ok
 * @param cachedFrom for a result reused from the fitness cache, the sequence it was first measured for; 0 otherwise
 */
public record EvaluationOutcome(long sequence, Status status, double loss, double accuracy,
                                long trainableParams, double wallSeconds, String error, long cachedFrom) {

    /**
     * What became of an evaluation: scored; not trainable (the genome cannot be built or exceeds a cap); failed;
     * stopped early because its learning curve was worse than the run's median (it never enters the population).
     */
    public enum Status {
        OK,
        INVALID,
        FAILED,
        STOPPED
    }

    public EvaluationOutcome {
        Objects.requireNonNull(status, "status");
        if (status == Status.OK && (Double.isNaN(loss) || Double.isNaN(accuracy))) {
            throw new IllegalArgumentException("an ok outcome needs a loss and an accuracy");
        }
    }

    public static EvaluationOutcome ok(long sequence, double loss, double accuracy, long trainableParams,
                                       double wallSeconds) {
        return new EvaluationOutcome(sequence, Status.OK, loss, accuracy, trainableParams, wallSeconds, null, 0);
    }

    public static EvaluationOutcome invalid(long sequence, String reason) {
        return new EvaluationOutcome(sequence, Status.INVALID, Double.NaN, Double.NaN, 0, 0, reason, 0);
    }

    public static EvaluationOutcome failed(long sequence, String error, double wallSeconds) {
        return new EvaluationOutcome(sequence, Status.FAILED, Double.NaN, Double.NaN, 0, wallSeconds, error, 0);
    }

    /** Stopped by the median stopping rule after {@code wallSeconds} of training. */
    public static EvaluationOutcome stopped(long sequence, String reason, double wallSeconds) {
        return new EvaluationOutcome(sequence, Status.STOPPED, Double.NaN, Double.NaN, 0, wallSeconds, reason, 0);
    }

    /** This result reused for another candidate of the same genome: no cost, and where it came from. */
    EvaluationOutcome reusedFor(long otherSequence) {
        return new EvaluationOutcome(otherSequence, status, loss, accuracy, trainableParams, 0, error, sequence);
    }

    public boolean cached() {
        return cachedFrom != 0;
    }
}
