package org.evocnn.engine.fidelity;

import org.evocnn.engine.population.Individual;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Rung-adjusted selection with successive halving: results below the top rung enter the population too, their loss
 * moved to the top rung's scale by {@link Rungs#offset}. A result waits until its rung's offset is known (the first
 * promotions from it up to the top); a genome is in the population once, at the highest rung it reached: its result
 * there takes the place of its lower-rung ones.
 */
public final class RungAdjustment {

    private final Rungs rungs;
    private final List<Individual> waiting = new ArrayList<>();
    private final Map<Long, Long> promotedFrom = new HashMap<>();

    public RungAdjustment(Rungs rungs) {
        this.rungs = rungs;
    }

    /** An ok result of a candidate promoted from {@code from}: that lower result is stale from now on. */
    public void promoted(long sequence, long from) {
        promotedFrom.put(sequence, from);
        waiting.removeIf(i -> i.sequence() == from);
    }

    /** An ok result below the top rung, raw. */
    public void measuredBelowTop(Individual individual) {
        waiting.add(individual);
    }

    /** The waiting results whose offset is now known, adjusted, in arrival order; they stop waiting. */
    public List<Individual> ready() {
        List<Individual> ready = new ArrayList<>();
        Map<Integer, OptionalDouble> offsets = new HashMap<>(); // once per rung, not per waiting result
        for (Iterator<Individual> it = waiting.iterator(); it.hasNext(); ) {
            Individual individual = it.next();
            OptionalDouble offset = offsets.computeIfAbsent(individual.rung(), rungs::offset);
            if (offset.isPresent()) {
                it.remove();
                ready.add(individual.adjustedBy(offset.getAsDouble()));
            }
        }
        return ready;
    }

    /** The sequences of the same genome's results at the rungs below this one's, which it replaces. */
    public List<Long> replacedBy(long sequence) {
        List<Long> below = new ArrayList<>();
        for (Long from = promotedFrom.get(sequence); from != null; from = promotedFrom.get(from)) {
            below.add(from);
        }
        return below;
    }
}
