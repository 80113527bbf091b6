package org.evocnn.engine.fidelity;

import org.evocnn.model.genome.FieldException;

import java.util.List;
import java.util.Objects;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020) inside Algorithm 1: every new candidate is evaluated at the
 * lowest of the {@code lower} fidelities (the task's own is the top rung, above them); one ranked in the top 1/{@code eta} of the results of its rung is evaluated again
 * at the next rung. Which results the population takes is the {@link Selection}; the run's best is always a top-rung
 * result (the run's own task). No rung ever waits for another. One rung is off: every evaluation at the task's
 * fidelity, as in the paper.
 */
public record SuccessiveHalving(List<Rung> lower, int eta, Selection selection) {

    /** What the population, and so parent selection, is made of. */
    public enum Selection {
        /** Only results at the top rung (the task's fidelity). */
        TOP,
        /**
         * Lower-rung results too, their loss moved to the top rung's scale by the median loss change of promoted
         * candidates between rungs ({@link Rungs#offset}); a candidate's result replaces its own lower-rung one.
         */
        ADJUSTED
    }

    public static final SuccessiveHalving OFF = new SuccessiveHalving(List.of(), 3);

    public SuccessiveHalving {
        lower = List.copyOf(Objects.requireNonNull(lower, "rungs"));
        FieldException.inRange("rungs", lower.size(), 0, 9);
        FieldException.inRange("eta", eta, 2, 100);
        Objects.requireNonNull(selection, "selection");
    }

    public SuccessiveHalving(List<Rung> lower, int eta) {
        this(lower, eta, Selection.TOP);
    }

    /** Rungs in all, the task's own included. */
    public int rungs() {
        return lower.size() + 1;
    }

    public boolean enabled() {
        return !lower.isEmpty();
    }

    /** Whether lower-rung results enter the population (adjusted) before their candidates reach the top. */
    public boolean adjusted() {
        return enabled() && selection == Selection.ADJUSTED;
    }

    /** The rung of the task's own fidelity, whose results the run's best is made of. */
    public int top() {
        return lower.size();
    }
}
