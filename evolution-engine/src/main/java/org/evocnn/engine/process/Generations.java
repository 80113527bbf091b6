package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The synchronous generational GA the paper compares against: a generation of popSize genomes is evaluated (at most
 * maxInFlight at a time); only when all of it is back does the next generation get bred, by the same selection,
 * crossover and mutation, and replace the old one. An invalid or failed member is replaced within its generation.
 */
public final class Generations implements Strategy {

    private final Breeding breeding;
    private final Deque<Offspring> pending = new ArrayDeque<>();
    private final List<Individual> evaluated = new ArrayList<>();
    private int generation;

    public Generations(Breeding breeding) {
        this.breeding = breeding;
        for (int i = 0; i < breeding.config().popSize(); i++) {
            pending.add(breeding.breeder().random(breeding.rng()));
        }
    }

    @Override
    public void admit(Individual individual, Slots slots) {
        evaluated.add(individual);
    }

    @Override
    public void lost(Candidate candidate, Slots slots) {
        pending.add(generation == 0 ? breeding.breeder().random(breeding.rng())
                : breeding.breeder().breed(breeding.population(), breeding.rng()));
    }

    @Override
    public void fill(Slots slots) {
        if (pending.isEmpty() && slots.inFlight() == 0 && evaluated.size() >= breeding.config().popSize()) {
            breeding.population().members().forEach(slots::discarded);
            breeding.population().replaceAll(evaluated);
            evaluated.clear();
            generation++;
            for (int i = 0; i < breeding.config().popSize(); i++) {
                pending.add(breeding.breeder().breed(breeding.population(), breeding.rng()));
            }
        }
        while (slots.free() && !pending.isEmpty()) {
            slots.submit(pending.poll());
        }
    }

    /** Generations completed so far (0 while the first is being evaluated). */
    public int generation() {
        return generation;
    }
}
