package org.evocnn.engine.process;

import org.evocnn.model.genome.FieldException;

/**
 * When a run stops: whichever criterion is met first. Zero or null disables a criterion; at least one must be set.
 *
 * @param maxEvaluations    results received (of any status); no more are submitted than this
 * @param timeBudgetSeconds wall-clock seconds since the start
 * @param targetFitness     stop once the best individual reaches it (loss at most, or accuracy at least)
 */
public record Termination(long maxEvaluations, long timeBudgetSeconds, Double targetFitness) {

    public Termination {
        if (maxEvaluations < 0) {
            throw new FieldException("maxEvaluations", maxEvaluations + " is negative");
        }
        if (timeBudgetSeconds < 0) {
            throw new FieldException("timeBudgetSeconds", timeBudgetSeconds + " is negative");
        }
        if (maxEvaluations == 0 && timeBudgetSeconds == 0 && targetFitness == null) {
            throw new FieldException("maxEvaluations", "set at least one of maxEvaluations, timeBudgetSeconds, targetFitness");
        }
    }

    public static Termination afterEvaluations(long maxEvaluations) {
        return new Termination(maxEvaluations, 0, null);
    }
}
