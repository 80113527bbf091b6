package org.evocnn.engine.process;

import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Objective;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

/**
 * Everything that determines a run of the engine, built with {@link #builder()}. With the same configuration (seed
 * included) and the same results in the same order, two runs submit identical candidates.
 *
 * @param popSize        population size (the paper: 20-30)
 * @param minPopSize     results needed before breeding starts (Algorithm 1); default popSize / 2
 * @param maxInFlight    most evaluations outstanding at once, the paper's "number of processors"
 * @param tournamentSize competitors per tournament
 * @param input          shape of one input image, to reject unbuildable offspring before they are sent
 * @param classes        number of classes (softmax units)
 * @param batchSize      the task's training batch size, for the memory estimate of offspring
 * @param optimizerStateCopies values of optimizer state per parameter in the task's training, likewise
 * @param fitnessCache   whether a genome evaluated before in the run is not evaluated again: its result is reused
 * @param fidelity       successive-halving rungs ({@link SuccessiveHalving#OFF}: every evaluation at the task's)
 * @param screening      surrogate pre-screening of new genomes ({@link Screening#OFF}: every bred genome is sent)
 * @param islands        the island model's islands and migration (used in mode {@link Mode#ISLANDS})
 * @param inheritance    whether offspring start from their parents' trained weights (Lamarckian evolution; the
 *                       engine only breeds the layer sources, the service and evaluators move the weights)
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
        int batchSize,
        int optimizerStateCopies,
        boolean fitnessCache,
        SuccessiveHalving fidelity,
        Screening screening,
        Islands islands,
        boolean inheritance,
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
        FieldException.inRange("batchSize", batchSize, 1, 1 << 20);
        FieldException.inRange("optimizerStateCopies", optimizerStateCopies, 0, 8);
        FieldException.required("fidelity", fidelity);
        FieldException.required("screening", screening);
        FieldException.required("islands", islands);
        if (mode == Mode.ISLANDS && islands.migrants() > popSize) {
            throw new FieldException("islands.migrants", islands.migrants() + " is more than popSize " + popSize
                    + ": an island cannot send more members than it holds");
        }
        if (fidelity.enabled() && mode == Mode.ISLANDS) {
            throw new FieldException("fidelity", "successive halving is not combined with the island model: a "
                    + "promotion would belong to no island");
        }
        if (inheritance && fitnessCache) {
            throw new FieldException("fitnessCache", "is not combined with weight inheritance: a network's fitness "
                    + "depends on the weights it inherited, not on its genome alone");
        }
        if (inheritance && fidelity.enabled()) {
            throw new FieldException("fidelity", "successive halving is not combined with weight inheritance: its "
                    + "rungs split other images into training and validation, so inherited weights would have seen "
                    + "validation images");
        }
        if (inheritance && mode == Mode.RANDOM) {
            throw new FieldException("inheritance", "random search has no parents to inherit from");
        }
        if (screening.enabled() && mode == Mode.SYNC) {
            throw new FieldException("screening", "surrogate pre-screening needs an asynchronous mode (async, "
                    + "regularized or random)");
        }
        if (fidelity.enabled() && mode == Mode.SYNC) {
            throw new FieldException("fidelity", "successive halving needs an asynchronous mode (async, regularized "
                    + "or random): a generation would wait for its rungs");
        }
    }

    /** The defaults: {@link Builder}'s. */
    public static EvolutionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().mode(mode).population(popSize, minPopSize).maxInFlight(maxInFlight)
                .tournamentSize(tournamentSize).objective(objective).searchSpace(searchSpace).variation(variation)
                .termination(termination).input(input, classes).training(batchSize, optimizerStateCopies)
                .fitnessCache(fitnessCache).fidelity(fidelity).screening(screening).islands(islands).inheritance(inheritance).seed(seed);
    }

    /**
     * The engine's defaults, in one place: GAKeras-like asynchronous evolution, population 20 (breeding from 10), 5 in
     * flight, tournaments of 3, the loss objective, the default search space and operator rates, 100 evaluations,
     * 28x28x1 inputs in 10 classes, training in batches of 128 with RMSProp's one value of state, seed 1.
     */
    public static final class Builder {
        private Mode mode = Mode.ASYNC;
        private int popSize = 20;
        private int minPopSize = 10;
        private int maxInFlight = 5;
        private int tournamentSize = 3;
        private Objective objective = Objectives.LOSS;
        private SearchSpace searchSpace = SearchSpace.defaults();
        private Variation variation = Variation.defaults();
        private Termination termination = Termination.afterEvaluations(100);
        private InputShape input = InputShape.MNIST;
        private int classes = 10;
        private int batchSize = 128;
        private int optimizerStateCopies = 1;
        private boolean fitnessCache;
        private SuccessiveHalving fidelity = SuccessiveHalving.OFF;
        private Screening screening = Screening.OFF;
        private Islands islands = Islands.DEFAULT;
        private boolean inheritance;
        private long seed = 1;

        private Builder() {
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        /** Population size and the results needed before breeding starts. */
        public Builder population(int size, int minSize) {
            popSize = size;
            minPopSize = minSize;
            return this;
        }

        public Builder maxInFlight(int value) {
            maxInFlight = value;
            return this;
        }

        public Builder tournamentSize(int value) {
            tournamentSize = value;
            return this;
        }

        public Builder objective(Objective value) {
            objective = value;
            return this;
        }

        public Builder searchSpace(SearchSpace value) {
            searchSpace = value;
            return this;
        }

        public Builder variation(Variation value) {
            variation = value;
            return this;
        }

        public Builder termination(Termination value) {
            termination = value;
            return this;
        }

        /** Shape of one input image and number of classes: those of the task's data set. */
        public Builder input(InputShape shape, int classCount) {
            input = shape;
            classes = classCount;
            return this;
        }

        /** The task's batch size and optimizer state per parameter: the memory estimate of offspring uses them. */
        public Builder training(int batch, int stateCopies) {
            batchSize = batch;
            optimizerStateCopies = stateCopies;
            return this;
        }

        /** Reuse the result of a genome evaluated before in the run (off: the paper evaluates every offspring). */
        public Builder fitnessCache(boolean value) {
            fitnessCache = value;
            return this;
        }

        /** Successive-halving rungs (off: one fidelity, the paper's). */
        public Builder fidelity(SuccessiveHalving value) {
            fidelity = value;
            return this;
        }

        /** Surrogate pre-screening (off: every bred genome is sent, as in the paper). */
        public Builder screening(Screening value) {
            screening = value;
            return this;
        }

        /** Whether offspring start from their parents' trained weights (off: the paper). */
        public Builder inheritance(boolean value) {
            inheritance = value;
            return this;
        }

        /** The island model's islands and migration (mode islands). */
        public Builder islands(Islands value) {
            islands = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public EvolutionConfig build() {
            return new EvolutionConfig(mode, popSize, minPopSize, maxInFlight, tournamentSize, objective, searchSpace,
                    variation, termination, input, classes, batchSize, optimizerStateCopies, fitnessCache, fidelity,
                    screening, islands, inheritance, seed);
        }
    }
}
