package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objective;
import org.evocnn.model.genome.FieldException;

import java.time.Duration;
import java.util.Optional;

/**
 * When a run stops: whichever criterion is met first. Zero or null disables a criterion; at least one must be set.
 *
 * @param maxEvaluations      results received (of any status); no more are submitted than this
 * @param timeBudgetSeconds   wall-clock seconds since the start
 * @param targetFitness       stop once the best individual reaches it (loss at most, or accuracy at least)
 * @param maxEvaluatorSeconds evaluator-seconds spent: the sum of the results' wall seconds, the budget strategies
 *                            are compared at (evaluations still running when it is reached complete on top of it)
 */
public record Termination(long maxEvaluations, long timeBudgetSeconds, Double targetFitness,
                          double maxEvaluatorSeconds) {

    public Termination {
        if (maxEvaluations < 0) {
            throw new FieldException("maxEvaluations", maxEvaluations + " is negative");
        }
        if (timeBudgetSeconds < 0) {
            throw new FieldException("timeBudgetSeconds", timeBudgetSeconds + " is negative");
        }
        if (!(maxEvaluatorSeconds >= 0 && Double.isFinite(maxEvaluatorSeconds))) {
            throw new FieldException("maxEvaluatorSeconds", maxEvaluatorSeconds + " is not a finite non-negative number");
        }
        if (maxEvaluations == 0 && timeBudgetSeconds == 0 && targetFitness == null && maxEvaluatorSeconds == 0) {
            throw new FieldException("maxEvaluations", "set at least one of maxEvaluations, timeBudgetSeconds, "
                    + "targetFitness, maxEvaluatorSeconds");
        }
    }

    public Termination(long maxEvaluations, long timeBudgetSeconds, Double targetFitness) {
        this(maxEvaluations, timeBudgetSeconds, targetFitness, 0);
    }

    /** The first criterion a run has met, checked in the order of the fields. */
    public Optional<TerminationReason> reached(long results, Individual best, Objective objective, Duration elapsed,
                                               double evaluatorSeconds) {
        if (maxEvaluations > 0 && results >= maxEvaluations) {
            return Optional.of(TerminationReason.MAX_EVALUATIONS);
        } else if (targetFitness != null && best != null && objective.reached(best, targetFitness)) {
            return Optional.of(TerminationReason.TARGET_FITNESS);
        } else if (timeBudgetSeconds > 0 && !elapsed.minusSeconds(timeBudgetSeconds).isNegative()) {
            return Optional.of(TerminationReason.TIME_BUDGET);
        } else if (maxEvaluatorSeconds > 0 && evaluatorSeconds >= maxEvaluatorSeconds) {
            return Optional.of(TerminationReason.EVALUATOR_SECONDS);
        }
        return Optional.empty();
    }

    public static Termination afterEvaluations(long maxEvaluations) {
        return new Termination(maxEvaluations, 0, null);
    }
}
