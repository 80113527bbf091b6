package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.model.genome.Genome;

/**
 * A genome submitted for evaluation, numbered by the run in submission order (1, 2, ...).
 *
 * @param rung         the fidelity it is evaluated at (successive halving); the top rung is the task's own, and
 *                     the only one without successive halving
 * @param promotedFrom the candidate whose result at the rung below earned this evaluation; 0 for a new genome
 * @param predictedLoss what the surrogate predicted when it chose this genome among others; NaN when none did
 */
public record Candidate(long sequence, Offspring offspring, int rung, long promotedFrom, double predictedLoss) {

    public Candidate(long sequence, Offspring offspring) {
        this(sequence, offspring, 0, 0, Double.NaN);
    }

    public Candidate(long sequence, Offspring offspring, int rung, long promotedFrom) {
        this(sequence, offspring, rung, promotedFrom, Double.NaN);
    }

    public boolean screened() {
        return !Double.isNaN(predictedLoss);
    }

    public Genome genome() {
        return offspring.genome();
    }

    public boolean promoted() {
        return promotedFrom != 0;
    }
}
