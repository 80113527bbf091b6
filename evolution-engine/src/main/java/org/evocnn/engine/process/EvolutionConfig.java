package org.evocnn.engine.process;

import org.evocnn.engine.population.Objective;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

/**
 * Everything that determines a run of the engine. With the same configuration (seed included) and the same results in
 * the same order, two runs submit identical candidates.
 *
 * @param popSize        population size (the paper: 20-30)
 * @param minPopSize     results needed before breeding starts (Algorithm 1); default popSize / 2
 * @param maxInFlight    most evaluations outstanding at once, the paper's "number of processors"
 * @param tournamentSize competitors per tournament
 * @param input          shape of one input image, to reject unbuildable offspring before they are sent
 * @param classes        number of classes (softmax units)
 */
public record EvolutionConfig(
        Mode mode,
        int popSize,
        int minPopSize,
        int maxInFlight,
        int tournamentSize,
        Objective objective,
        SearchSpace searchSpace,
        Variation variation,
        Termination termination,
        InputShape input,
        int classes,
        long seed) {

    public EvolutionConfig {
        FieldException.required("mode", mode);
        FieldException.inRange("popSize", popSize, 2, 100_000);
        FieldException.inRange("minPopSize", minPopSize, 1, popSize);
        FieldException.inRange("maxInFlight", maxInFlight, 1, 100_000);
        FieldException.inRange("tournamentSize", tournamentSize, 1, 1_000);
        FieldException.required("objective", objective);
        FieldException.required("searchSpace", searchSpace);
        FieldException.required("variation", variation);
        FieldException.required("termination", termination);
        FieldException.required("input", input);
        FieldException.inRange("classes", classes, 2, 1_000_000);
    }

    /** GAKeras-like defaults: async, population 20 (breeding from 10), 5 in flight, tournaments of 3, loss. */
    public static EvolutionConfig defaults(Termination termination, long seed) {
        return new EvolutionConfig(Mode.ASYNC, 20, 10, 5, 3, Objective.LOSS, SearchSpace.defaults(),
                Variation.defaults(), termination, InputShape.MNIST, 10, seed);
    }

    public EvolutionConfig withMode(Mode value) {
        return new EvolutionConfig(value, popSize, minPopSize, maxInFlight, tournamentSize, objective, searchSpace,
                variation, termination, input, classes, seed);
    }

    public EvolutionConfig withPopulation(int newPopSize, int newMinPopSize, int newMaxInFlight) {
        return new EvolutionConfig(mode, newPopSize, newMinPopSize, newMaxInFlight, tournamentSize, objective,
                searchSpace, variation, termination, input, classes, seed);
    }

    public EvolutionConfig withTermination(Termination value) {
        return new EvolutionConfig(mode, popSize, minPopSize, maxInFlight, tournamentSize, objective, searchSpace,
                variation, value, input, classes, seed);
    }
}
