package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.model.genome.Genome;

/**
 * A genome submitted for evaluation, numbered by the run in submission order (1, 2, ...).
 *
 * @param rung         the fidelity it is evaluated at (successive halving); the top rung is the task's own, and
 *                     the only one without successive halving
 * @param promotedFrom the candidate whose result at the rung below earned this evaluation; 0 for a new genome
 */
public record Candidate(long sequence, Offspring offspring, int rung, long promotedFrom) {

    public Candidate(long sequence, Offspring offspring) {
        this(sequence, offspring, 0, 0);
    }

    public Genome genome() {
        return offspring.genome();
    }

    public boolean promoted() {
        return promotedFrom != 0;
    }
}
