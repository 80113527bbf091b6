package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objective;
import org.evocnn.engine.population.Objectives;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run has counted: results by status, ignored ones, cache hits, the evaluator-seconds spent, the best
 * individual, and, with a Pareto objective, the front of every individual evaluated.
 */
final class Tally {

    private final Objective objective;
    private long ok;
    private long invalid;
    private long failed;
    private long stopped;
    private long ignored;
    private long cacheHits;
    private double evaluatorSeconds;
    private Individual best;
    private final List<Individual> front = new ArrayList<>();

    Tally(Objective objective) {
        this.objective = objective;
    }

    /** A result taken: its cost, and its status unless ok (ok ones are counted by {@link #admitted}). */
    void counted(EvaluationOutcome outcome) {
        evaluatorSeconds += outcome.wallSeconds();
        if (outcome.cached()) {
            cacheHits++;
        }
        switch (outcome.status()) {
            case INVALID -> invalid++;
            case FAILED -> failed++;
            case STOPPED -> stopped++;
            case OK -> ok++;
        }
    }

    /** An individual evaluated ok: the best and the front follow it. */
    void admitted(Individual individual) {
        if (best == null || objective.bestFirst().compare(individual, best) < 0) {
            best = individual;
        }
        if (objective instanceof Objectives.Pareto pareto) {
            List<Individual> candidates = new ArrayList<>(front);
            candidates.add(individual);
            front.clear();
            front.addAll(Objectives.frontOf(candidates, pareto.size()));
        }
    }

    void ignored() {
        ignored++;
    }

    Individual best() {
        return best;
    }

    List<Individual> front() {
        return List.copyOf(front);
    }

    EvolutionStats stats(long submitted, long completed, long redrawn, int inFlight, int populationSize,
                         long promotions, double rankCorrelation, int migrations) {
        return new EvolutionStats(submitted, completed, ok, invalid, failed, ignored, redrawn, inFlight,
                populationSize, evaluatorSeconds, cacheHits, promotions, stopped, rankCorrelation,
                migrations);
    }
}
