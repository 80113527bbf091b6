package org.evocnn.engine.process;

import org.evocnn.engine.surrogate.Surrogate;
import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.InstantSource;

/** Makes the loop a configuration describes: its mode's strategy and the parts its options switch on. */
public final class Evolutions {

    private Evolutions() {
    }

    /** The loop the configuration names (without surrogate screening). */
    public static Evolution create(EvolutionConfig config, EvaluationPort port, InstantSource clock,
                                   EvolutionListener listener) {
        return create(config, port, clock, listener, null);
    }

    /** The loop the configuration names, fitting surrogates with {@code models} when it screens. */
    public static Evolution create(EvolutionConfig config, EvaluationPort port, InstantSource clock,
                                   EvolutionListener listener, SurrogateModel.Trainer models) {
        if (config.screening().enabled() && models == null) {
            throw new IllegalArgumentException("surrogate screening is on but no surrogate model was given");
        }
        Breeding breeding = Breeding.of(config);
        Strategy strategy = switch (config.mode()) {
            case ASYNC, REGULARIZED -> new AlgorithmOne(breeding);
            case SYNC -> new Generations(breeding);
            case RANDOM -> new RandomSearch(breeding);
            case ISLANDS -> new IslandModel(breeding, config.islands());
        };
        return new Evolution(breeding, strategy,
                config.fitnessCache() ? new FitnessCache() : Reuse.NONE,
                config.fidelity().enabled() ? new HalvingFidelity(config.fidelity(), config.objective())
                        : Fidelity.SINGLE,
                config.screening().enabled() ? new Screen.Screened(new Surrogate(config.screening(), models))
                        : Screen.NONE,
                port, clock, listener);
    }
}
