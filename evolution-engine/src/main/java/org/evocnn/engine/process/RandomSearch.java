package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.InstantSource;

/**
 * Random search over the same space: every free slot gets a random individual, whatever the results say. The
 * population still keeps the best popSize evaluated (for the run's views); it is never bred from.
 */
public final class RandomSearch extends Evolution {

    RandomSearch(EvolutionConfig config, EvaluationPort port, InstantSource clock, EvolutionListener listener,
                          SurrogateModel.Trainer models) {
        super(config, port, clock, listener, models);
    }

    @Override
    protected void admit(Individual individual) {
        population.insert(individual).ifPresent(this::discarded);
    }

    @Override
    protected void lost(Candidate candidate) {
        // nothing to undo: fill() refills the slot
    }

    @Override
    protected void fill() {
        while (canSubmit()) {
            if (promote()) {
                continue;
            }
            submitScreened(() -> breeder.random(rng));
        }
    }
}
