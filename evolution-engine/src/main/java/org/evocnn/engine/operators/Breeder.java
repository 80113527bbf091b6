package org.evocnn.engine.operators;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Genome;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * produceIndividual() of Algorithm 1: a tournament winner, crossed over with a second winner with probability
 * {@code crossover} (the first of the two offspring is kept), then mutated with probability {@code mutation}. An
 * offspring equal to a parent, or that cannot be built for the input shape (or exceeds a resource cap of the search
 * space at the run's batch size), is re-drawn; after {@value #MAX_ATTEMPTS} failed draws a random individual is returned instead, so breeding always
 * terminates.
 */
public final class Breeder {

    static final int MAX_ATTEMPTS = 100;

    private final SearchSpace space;
    private final Variation rates;
    private final TournamentSelection selection;
    private final InputShape input;
    private final int classes;
    private final ResourceCaps caps;
    private final int batchSize;
    private final int optimizerStateCopies;
    private final RandomBlocks random;
    private final Crossover crossover;
    private final Mutation mutation;
    private long redrawn;

    /**
     * @param batchSize            the training batch size, for the memory estimate
     * @param optimizerStateCopies values of optimizer state per parameter, for the memory estimate
     */
    public Breeder(SearchSpace space, Variation rates, TournamentSelection selection, InputShape input, int classes,
                   int batchSize, int optimizerStateCopies) {
        this.space = space;
        this.rates = rates;
        this.selection = selection;
        this.input = input;
        this.classes = classes;
        this.caps = space.caps();
        this.batchSize = batchSize;
        this.optimizerStateCopies = optimizerStateCopies;
        this.random = new RandomBlocks(space, rates.newConvIsConv());
        this.crossover = new Crossover(space.minConvBlocks(), space.training() == null ? -1 : rates.trainingSwap());
        this.mutation = new Mutation(space, rates);
    }

    /** RandomIndividual(): a buildable random genome. */
    public Offspring random(RandomGenerator rng) {
        Offspring last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Genome genome = random.genome(rng);
            Architecture arch = NetworkAnalyzer.analyze(genome, input, classes);
            last = new Offspring(genome, List.of(), "random", arch.trainableParams(), arch.flopsPerSample());
            if (acceptable(genome, arch)) {
                return last;
            }
            redrawn++;
        }
        // a search space whose random genomes never build: the evaluator will report them invalid
        return last;
    }

    /** produceIndividual(): an offspring of the population, which must not be empty. */
    public Offspring breed(Population population, RandomGenerator rng) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Individual first = selection.select(population, rng);
            Genome child = first.genome();
            Inheritance inheritance = Inheritance.copyOf(first.sequence(), child);
            Individual second = null;
            String origin = "";
            if (rng.nextDouble() < rates.crossover()) {
                second = selection.select(population, rng);
                Crossover.Offspring crossed = crossover.apply(first.genome(), second.genome(), rng);
                child = crossed.first();
                inheritance = Inheritance.crossover(first.sequence(), first.genome(), second.sequence(),
                        second.genome(), crossed);
                origin = "crossover";
            }
            if (rng.nextDouble() < rates.mutation()) {
                Mutation.Mutated mutated = mutation.apply(child, rng);
                child = mutated.genome();
                inheritance = inheritance.after(mutated);
                origin = origin.isEmpty() ? mutated.operator().paperName() : origin + "+" + mutated.operator().paperName();
            }
            if (child.equals(first.genome()) || (second != null && child.equals(second.genome()))) {
                redrawn++;
                continue;
            }
            Architecture arch = NetworkAnalyzer.analyze(child, input, classes);
            if (!acceptable(child, arch)) {
                redrawn++;
                continue;
            }
            List<Long> parents = second == null ? List.of(first.sequence()) : List.of(first.sequence(), second.sequence());
            return new Offspring(child, parents, origin, arch.trainableParams(), arch.flopsPerSample(), inheritance);
        }
        Offspring fallback = random(rng);
        return new Offspring(fallback.genome(), List.of(), "random (breeding exhausted)", fallback.trainableParams(),
                fallback.flops());
    }

    /** Draws discarded so far because they equalled a parent or could not be built. */
    public long redrawn() {
        return redrawn;
    }

    /** Within the caps, at the batch size and optimizer the genome trains with (its own genes, else the task's). */
    private boolean acceptable(Genome genome, Architecture arch) {
        return genome.training() == null ? caps.allows(arch, batchSize, optimizerStateCopies)
                : caps.allows(arch, genome.training().batchSize(), genome.training().optimizer().stateCopies());
    }
}
