package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;

/** Observes a run (journal, metrics, logs, tests). Called on the thread that drives the engine. */
public interface EvolutionListener {

    EvolutionListener NONE = new EvolutionListener() {
    };

    default void submitted(Candidate candidate) {
    }

    default void evaluated(Candidate candidate, EvaluationOutcome outcome) {
    }

    /** An individual left the population (the worst past popSize, or a whole generation replaced). */
    default void discarded(Individual individual) {
    }

    /** A copy of an individual migrated from one island to another (mode islands). */
    default void migrated(Individual individual, int fromIsland, int toIsland) {
    }

    default void terminated(TerminationReason reason) {
    }

    default void finished() {
    }
}
