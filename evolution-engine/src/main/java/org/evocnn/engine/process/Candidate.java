package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.model.genome.Genome;

/** A genome submitted for evaluation, numbered by the run in submission order (1, 2, ...). */
public record Candidate(long sequence, Offspring offspring) {

    public Genome genome() {
        return offspring.genome();
    }
}
