package org.evocnn.tools.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How many offspring per second the engine alone breeds on one thread: tournament selection, crossover, mutation,
 * validation (shape inference and parameter count) and the architecture hash, with each offspring then inserted into
 * the population with a random fitness so the population keeps changing. Run it through {@code scripts/bench-engine}.
 */
@Command(name = "bench-engine", mixinStandardHelpOptions = true,
        description = "Offspring the engine breeds per second on one thread.")
public final class BreedingBenchmark implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "10", description = "seconds measured (default 10)")
    double seconds;
    @Parameters(index = "1", arity = "0..1", defaultValue = "30", description = "population size (default 30)")
    int popSize;

    private BreedingBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BreedingBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        SplittableRandom rng = new SplittableRandom(42);
        Breeder breeder = new Breeder(SearchSpace.defaults(), Variation.defaults(), new TournamentSelection(3),
                InputShape.MNIST, 10, 128, 1);
        Population population = new Population(popSize, Objectives.LOSS);
        long sequence = 0;
        for (int i = 0; i < popSize; i++) {
            population.insert(new Individual(++sequence, breeder.random(rng).genome(), rng.nextDouble(), 0.5, 0));
        }

        System.out.printf(Locale.ROOT, "breeding benchmark: population %d, %.0f s measured after %.0f s warm-up%n",
                popSize, seconds, Math.min(5, seconds));
        long hashChars = 0;
        long warmupEnd = System.nanoTime() + (long) (Math.min(5, seconds) * 1e9);
        while (System.nanoTime() < warmupEnd) {
            hashChars += breedOne(breeder, population, rng, ++sequence);
        }

        long redrawnBefore = breeder.redrawn();
        long count = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 1_000; i++) {
                hashChars += breedOne(breeder, population, rng, ++sequence);
            }
            count += 1_000;
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;

        System.out.printf(Locale.ROOT, "offspring bred:        %,d in %.2f s%n", count, elapsed);
        System.out.printf(Locale.ROOT, "offspring per second:  %,.0f (goal: at least 100,000)%n", count / elapsed);
        System.out.printf(Locale.ROOT, "time per offspring:    %.2f us%n", elapsed * 1e6 / count);
        System.out.printf(Locale.ROOT, "re-drawn per offspring: %.3f (equal to a parent or unbuildable)%n",
                (breeder.redrawn() - redrawnBefore) / (double) count);
        if (hashChars == 42) {
            System.out.println(); // keeps the hash computation observable to the JIT
        }
        return 0;
    }

    private static int breedOne(Breeder breeder, Population population, SplittableRandom rng, long sequence) {
        Offspring child = breeder.breed(population, rng);
        String hash = child.genome().architectureHash();
        population.insert(new Individual(sequence, child.genome(), rng.nextDouble(), 0.5, child.trainableParams()));
        return hash.length();
    }
}
