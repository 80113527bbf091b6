package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Objective;
import org.evocnn.engine.surrogate.Surrogate;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which of the genomes a slot could get is sent: the one bred ({@link #NONE}, the paper) or, once a surrogate model
 * is fitted, the best predicted of several ({@link Screened}).
 */
interface Screen {

    /** Every new genome as bred. */
    Screen NONE = new Screen() {
    };

    /** The candidate for a slot, numbered by {@code sequences}, from genomes made by {@code make}. */
    default Candidate choose(Supplier<Offspring> make, Objective objective, LongSupplier sequences) {
        Offspring offspring = make.get();
        return new Candidate(sequences.getAsLong(), offspring);
    }

    /** An ok result, measured or reused, of a candidate at the lowest rung. */
    default void result(Candidate candidate, EvaluationOutcome outcome) {
    }

    /** How the predictions ranked the measured results (Spearman); NaN without screening. */
    default double rankCorrelation() {
        return Double.NaN;
    }

    /** Surrogate pre-screening: the surrogate learns from lowest-rung results and chooses among bred genomes. */
    final class Screened implements Screen {

        private final Surrogate surrogate;

        Screened(Surrogate surrogate) {
            this.surrogate = surrogate;
        }

        @Override
        public Candidate choose(Supplier<Offspring> make, Objective objective, LongSupplier sequences) {
            if (!surrogate.active()) {
                return Screen.NONE.choose(make, objective, sequences);
            }
            Surrogate.Choice choice = surrogate.choose(make, objective);
            return new Candidate(sequences.getAsLong(), choice.offspring(), 0, 0, choice.predicted());
        }

        @Override
        public void result(Candidate candidate, EvaluationOutcome outcome) {
            if (candidate.rung() != 0) {
                return;
            }
            if (candidate.screened()) {
                surrogate.judged(candidate.predictedLoss(), outcome.loss());
            }
            if (!outcome.cached()) {
                surrogate.observed(candidate.offspring(), outcome.loss());
            }
        }

        @Override
        public double rankCorrelation() {
            return surrogate.rankCorrelation();
        }
    }
}
