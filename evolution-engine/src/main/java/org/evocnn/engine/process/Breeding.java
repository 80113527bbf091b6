package org.evocnn.engine.process;

import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;

import java.util.SplittableRandom;

/**
 * What a strategy breeds with: the configuration, the run's one random generator (seeded by it), the breeder and the
 * population.
 */
public record Breeding(EvolutionConfig config, SplittableRandom rng, Breeder breeder, Population population) {

    /** A run's: a fresh generator from the seed, the configured operators, an empty population. */
    static Breeding of(EvolutionConfig config) {
        return new Breeding(config, new SplittableRandom(config.seed()),
                new Breeder(config.searchSpace(), config.variation(), new TournamentSelection(config.tournamentSize()),
                        config.input(), config.classes(), config.batchSize(), config.optimizerStateCopies()),
                new Population(config.popSize(), config.objective(),
                        config.mode() == Mode.REGULARIZED ? Population.Removal.OLDEST : Population.Removal.WORST));
    }
}
