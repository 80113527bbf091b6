package org.evocnn.training.dl4j;

import java.time.Duration;

/**
 * When an evaluation must stop: its time limit and the evaluator's memory bound, checked between batches, so training
 * never runs on unbounded.
 */
public final class Deadline {

    /** Pessimistic training speed the default time limit assumes, in FLOPs per second (a slow CPU's tenth). */
    public static final double DEFAULT_MIN_FLOPS_PER_SECOND = 1e9;

    /** Time every evaluation gets on top of its work: building, reading, scoring's overheads. */
    static final Duration BASE = Duration.ofSeconds(60);

    /** An evaluation that ran past its time limit. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final long limitNanos;
    private final long endNanos;
    private final MemoryBound memory;

    private Deadline(long limitNanos, MemoryBound memory) {
        this.limitNanos = limitNanos;
        this.endNanos = System.nanoTime() + limitNanos;
        this.memory = memory;
    }

    /** A deadline {@code limit} from now. */
    public static Deadline after(Duration limit) {
        return new Deadline(limit.toNanos(), MemoryBound.NONE);
    }

    /** This deadline that also stops a training past the memory bound. */
    public Deadline within(MemoryBound bound) {
        return new Deadline(limitNanos, bound);
    }

    /**
     * The default limit of an evaluation that asks for none: {@link #BASE} plus its work at a pessimistic speed,
     * work being 3 x forward FLOPs for every sample trained (forward and backward) and 1 x for every sample scored.
     *
     * @param trained samples trained over all folds and epochs
     * @param scored  samples scored
     */
    public static Duration forWork(long flopsPerSample, long trained, long scored, double flopsPerSecond) {
        double work = (double) flopsPerSample * (3.0 * trained + scored);
        return BASE.plusMillis((long) Math.ceil(work / flopsPerSecond * 1000));
    }

    /**
     * The limit of a task: its own seconds when it gives them, else {@code derived} (its work at a pessimistic speed,
     * {@link #forWork}); never more than the evaluator's maximum.
     */
    public static Deadline forTask(int taskSeconds, Duration derived, Duration evaluatorMaximum) {
        Duration wanted = taskSeconds > 0 ? Duration.ofSeconds(taskSeconds) : derived;
        return after(wanted.compareTo(evaluatorMaximum) < 0 ? wanted : evaluatorMaximum);
    }

    /** @throws Exceeded when the deadline has passed, saying what was being done */
    public void check(String doing) {
        if (System.nanoTime() - endNanos > 0) {
            throw new Exceeded("time limit of " + Duration.ofNanos(limitNanos).toSeconds() + " s exceeded " + doing);
        }
        memory.check(doing);
    }
}
