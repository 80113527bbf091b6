package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;

import java.util.List;
import java.util.function.Supplier;

/**
 * Whether a run evaluates a genome it has seen before: {@link #NONE} (the paper: every offspring is evaluated) or the
 * {@link FitnessCache}. The loop asks it before sending a candidate and tells it every result.
 */
interface Reuse {

    /** Every candidate is sent, nothing is reused. */
    Reuse NONE = new Reuse() {
    };

    /** How new genomes are made: as bred, or bred again while they are genomes already known. */
    default Supplier<Offspring> novel(Supplier<Offspring> breed) {
        return breed;
    }

    /** Whether the candidate is answered without being sent (a reused or awaited result). */
    default boolean answers(Candidate candidate) {
        return false;
    }

    /** A candidate is being sent. */
    default void sending(Candidate candidate) {
    }

    /** A measured result; returns candidates that waited for it in vain and must now be sent. */
    default List<Candidate> measured(Candidate candidate, EvaluationOutcome outcome) {
        return List.of();
    }

    /** The next result to take without an evaluation, or null. */
    default EvaluationOutcome nextHit() {
        return null;
    }
}
