package org.evocnn.evolution.run;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.EvolutionStats;
import org.evocnn.engine.process.RunState;
import org.evocnn.engine.process.TerminationReason;

import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of a run, taken whenever the run changes: what the REST API, the metrics and the page read,
 * without taking the run's lock.
 *
 * @param front           with a Pareto objective, the non-dominated individuals of the run, lowest loss first
 * @param startedAtMillis when the engine started (epoch milliseconds; 0 before)
 */
public record RunSnapshot(String runId, RunState state, Optional<TerminationReason> terminationReason,
                          EvolutionStats stats, Optional<Individual> best, List<Individual> population,
                          List<Individual> front, long startedAtMillis) {

    public RunSnapshot {
        population = List.copyOf(population);
        front = List.copyOf(front);
    }

    /** Seconds since the start, at {@code nowMillis}. */
    public double elapsedSeconds(long nowMillis) {
        return startedAtMillis == 0 ? 0 : Math.max(0, nowMillis - startedAtMillis) / 1000.0;
    }

    /** Completed evaluations per minute since the start, at {@code nowMillis}. */
    public double evaluationsPerMinute(long nowMillis) {
        double seconds = elapsedSeconds(nowMillis);
        return seconds > 0 ? stats.completed() * 60.0 / seconds : 0;
    }

    public boolean finished() {
        return state == RunState.FINISHED;
    }
}
