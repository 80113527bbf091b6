package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.InstantSource;

/**
 * Algorithm 1 (AsyncEA): while the population holds fewer than minPopSize individuals, every free slot gets a random
 * individual; afterwards each result enters the population (the worst is discarded past popSize) and the freed slot
 * immediately gets one offspring. Invalid and failed results never enter the population; their slot is refilled the
 * same way. In mode {@code REGULARIZED} the population discards its oldest instead (regularized evolution: the same
 * loop with aging). With successive halving a freed slot first takes a promotion, and only top-rung results enter the
 * population.
 */
public final class AsynchronousEvolution extends Evolution {

    AsynchronousEvolution(EvolutionConfig config, EvaluationPort port, InstantSource clock, EvolutionListener listener,
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
            if (population.size() < config.minPopSize()) {
                submit(breeder.random(rng));
            } else {
                submitScreened(() -> breeder.breed(population, rng));
            }
        }
    }

    /** True once breeding has started (the population reached minPopSize). */
    public boolean breeding() {
        return population.size() >= config.minPopSize();
    }
}
