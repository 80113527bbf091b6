package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;

/**
 * Which evaluation a message is about, as values: the run, the kind, and for {@code fitness} the candidate's number
 * within the run ({@code sequence}), for {@code final} the final training's number within the run ({@code sequence})
 * and the repeat ({@code repeat}, 1-based). Messages carry these fields; the text form ({@link #text()}, e.g.
 * {@code run-1-000042} or {@code run-1-final3-2}) is for people, logs and the JMSCorrelationID, and is never parsed.
 */
public record EvaluationId(String runId, EvaluationKind kind, long sequence, int repeat) {

    /**
     * What a run id may be: a plain name that is safe as a file name on every evaluator and in the service's runs
     * directory (a forged request's {@code ../../tmp/x} must never become a path).
     */
    public static final String RUN_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

    public EvaluationId {
        FieldException.nonBlank("runId", runId);
        if (!runId.matches(RUN_ID_PATTERN) || runId.contains("..")) {
            String shown = runId.length() > 40 ? runId.substring(0, 40) + "..." : runId;
            throw new FieldException("runId", "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not a plain name "
                    + "(letters, digits, '.', '_' and '-', at most 128, no '..')");
        }
        FieldException.required("kind", kind);
        if (sequence < 1) {
            throw new FieldException("sequence", sequence + " is not positive");
        }
        if (kind == EvaluationKind.FITNESS && repeat != 0) {
            throw new FieldException("repeat", repeat + " given for a fitness evaluation (only final trainings repeat)");
        }
        if (kind == EvaluationKind.FINAL && repeat < 1) {
            throw new FieldException("repeat", repeat + " is not positive");
        }
    }

    /** The evaluation of a run's n-th candidate. */
    public static EvaluationId fitness(String runId, long sequence) {
        return new EvaluationId(runId, EvaluationKind.FITNESS, sequence, 0);
    }

    /** The {@code repeat}-th repeat of a run's {@code index}-th final training. */
    public static EvaluationId finalTraining(String runId, long index, int repeat) {
        return new EvaluationId(runId, EvaluationKind.FINAL, index, repeat);
    }

    /** {@code <runId>-<6-digit sequence>} or {@code <runId>-final<index>-<repeat>}. */
    public String text() {
        if (kind == EvaluationKind.FINAL) {
            return finalTrainingId(runId, sequence) + "-" + repeat;
        }
        String digits = Long.toString(sequence); // not String.format: this runs for every request and result
        return runId + "-" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    /** The id of a run's {@code index}-th final training, {@code <runId>-final<index>}. */
    public static String finalTrainingId(String runId, long index) {
        return runId + "-final" + index;
    }

    @Override
    public String toString() {
        return text();
    }
}
