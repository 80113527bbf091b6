package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;

import java.util.function.Supplier;

/** What a {@link Strategy} may do with the loop's evaluation slots. */
public interface Slots {

    /** Whether the run may submit another candidate now (running, a slot free, evaluations left). */
    boolean free();

    /** Submits the next successive-halving promotion, if any rung has one; ASHA promotes before it breeds. */
    boolean promote();

    /** Submits a genome as it is, at the lowest rung; returns it as numbered. */
    Candidate submit(Offspring offspring);

    /**
     * Submits a new genome made by {@code breed}, through the run's cache (bred again past known genomes) and
     * screening (the best predicted of several) when those are on; returns the candidate submitted.
     */
    Candidate submitNew(Supplier<Offspring> breed);

    /** An individual left the population. */
    void discarded(Individual individual);

    /** A copy of an individual went from one island to another (the island model). */
    void migrated(Individual individual, int fromIsland, int toIsland);

    /** Candidates awaiting results. */
    int inFlight();
}
