package org.evocnn.engine.process;

/** Why a run stopped submitting. */
public enum TerminationReason {
    MAX_EVALUATIONS,
    TIME_BUDGET,
    TARGET_FITNESS,
    EVALUATOR_SECONDS,
    STOPPED
}
