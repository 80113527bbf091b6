package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;

import org.evocnn.engine.surrogate.SurrogateModel;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The synchronous generational GA the paper compares against: a generation of popSize genomes is evaluated (at most
 * maxInFlight at a time); only when all of it is back does the next generation get bred, by the same selection,
 * crossover and mutation, and replace the old one. An invalid or failed member is replaced within its generation.
 */
public final class SynchronousEvolution extends Evolution {

    private final Deque<Offspring> pending = new ArrayDeque<>();
    private final List<Individual> evaluated = new ArrayList<>();
    private int generation;

    SynchronousEvolution(EvolutionConfig config, EvaluationPort port, InstantSource clock, EvolutionListener listener,
                          SurrogateModel.Trainer models) {
        super(config, port, clock, listener, models);
        for (int i = 0; i < config.popSize(); i++) {
            pending.add(breeder.random(rng));
        }
    }

    @Override
    protected void admit(Individual individual) {
        evaluated.add(individual);
    }

    @Override
    protected void lost(Candidate candidate) {
        pending.add(generation == 0 ? breeder.random(rng) : breeder.breed(population, rng));
    }

    @Override
    protected void fill() {
        if (pending.isEmpty() && inFlight().isEmpty() && evaluated.size() >= config.popSize()) {
            population.members().forEach(this::discarded);
            population.replaceAll(evaluated);
            evaluated.clear();
            generation++;
            for (int i = 0; i < config.popSize(); i++) {
                pending.add(breeder.breed(population, rng));
            }
        }
        while (canSubmit() && !pending.isEmpty()) {
            submit(pending.poll());
        }
    }

    /** Generations completed so far (0 while the first is being evaluated). */
    public int generation() {
        return generation;
    }
}
