package org.evocnn.engine.population;

import java.util.Comparator;

/**
 * What selection optimises: an order over individuals, best first, with a name for configurations. The population,
 * tournaments, the run's best and target-fitness termination all follow it. Implementations are stateless; the
 * built-in ones are in {@link Objectives}.
 */
public interface Objective {

    /** The name a run specification uses, e.g. {@code loss}. */
    String name();

    /** A total order, best first; ties must be broken deterministically (by evaluation sequence). */
    Comparator<Individual> bestFirst();

    /** Whether an individual reaches a target fitness given in this objective's terms. */
    boolean reached(Individual individual, double target);
}
