package org.evocnn.engine.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What selection optimises. Every objective ranks a set of individuals best first ({@link #rank}): the population
 * keeps that order, truncation drops the last, and a tournament's winner is the drawn member ranked first. A scalar
 * objective ranks by one total order; a multi-objective one (Pareto) ranks the set as a whole. {@link #bestFirst()}
 * names the single best individual (the run's best, target-fitness termination). Built-in ones: {@link Objectives}.
 */
public interface Objective {

    /** The name a run specification uses, e.g. {@code loss}. */
    String name();

    /** A total order for the single best individual; ties broken by evaluation sequence. */
    Comparator<Individual> bestFirst();

    /** Whether an individual reaches a target fitness given in this objective's terms. */
    boolean reached(Individual individual, double target);

    /**
     * How surrogate pre-screening compares candidates it has a predicted loss for (lower is better): the loss itself,
     * unless the objective prices what is known without training, such as size.
     */
    default double screeningKey(double predictedLoss, long trainableParams, long flops) {
        return predictedLoss;
    }

    /** True when {@link #rank} is a sort by {@link #bestFirst()}, so a population may insert by binary search. */
    default boolean scalar() {
        return true;
    }

    /** The individuals, best first. */
    default List<Individual> rank(List<Individual> individuals) {
        List<Individual> ranked = new ArrayList<>(individuals);
        ranked.sort(bestFirst());
        return ranked;
    }
}
