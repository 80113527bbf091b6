package org.evocnn.engine.fidelity;

import org.evocnn.model.genome.FieldException;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020) inside Algorithm 1: every new candidate is evaluated at the
 * lowest of {@code rungs} fidelities; one ranked in the top 1/{@code eta} of the results of its rung is evaluated again
 * at the next rung; only results of the top rung (the run's own task) enter the population. No rung ever waits for
 * another. One rung is off: every evaluation at the task's fidelity, as in the paper.
 */
public record SuccessiveHalving(int rungs, int eta) {

    public static final SuccessiveHalving OFF = new SuccessiveHalving(1, 3);

    public SuccessiveHalving {
        FieldException.inRange("rungs", rungs, 1, 10);
        FieldException.inRange("eta", eta, 2, 100);
    }

    public boolean enabled() {
        return rungs > 1;
    }

    /** The rung of the task's own fidelity, whose results the population and the best are made of. */
    public int top() {
        return rungs - 1;
    }
}
