package org.evocnn.training.dl4j;

import java.time.Duration;

/** When an evaluation must stop; checked between batches, so training never runs on unbounded. */
public final class Deadline {

    /** An evaluation that ran past its time limit. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final long limitNanos;
    private final long endNanos;

    private Deadline(long limitNanos) {
        this.limitNanos = limitNanos;
        this.endNanos = System.nanoTime() + limitNanos;
    }

    /** A deadline {@code limit} from now. */
    public static Deadline after(Duration limit) {
        return new Deadline(limit.toNanos());
    }

    /**
     * The limit of a task: its own seconds when it asks for fewer than the evaluator's maximum, else the maximum.
     */
    public static Deadline forTask(int taskSeconds, Duration evaluatorMaximum) {
        Duration limit = taskSeconds > 0 && Duration.ofSeconds(taskSeconds).compareTo(evaluatorMaximum) < 0
                ? Duration.ofSeconds(taskSeconds) : evaluatorMaximum;
        return after(limit);
    }

    /** @throws Exceeded when the deadline has passed, saying what was being done */
    public void check(String doing) {
        if (System.nanoTime() - endNanos > 0) {
            throw new Exceeded("time limit of " + Duration.ofNanos(limitNanos).toSeconds() + " s exceeded " + doing);
        }
    }
}
