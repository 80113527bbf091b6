package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Genome;

import static org.evocnn.model.genome.FieldException.required;

/**
 * A genome to evaluate, sent to the genomes queue. Which evaluation it is travels as fields (run, kind, sequence,
 * repeat: an {@link EvaluationId}); its text form is also the message's {@code JMSCorrelationID} and is written to
 * the JSON as {@code evaluationId} for people reading it. {@code stopping} (optional) is the median stopping rule's
 * thresholds for a fitness evaluation; {@code progress} (optional) the folds an interrupted evaluation has done;
 * {@code rung} (optional) the successive-halving rung it is evaluated at, which its result carries back;
 * {@code inherit} (optional) weight inheritance: parents' weights to start from, a holdout split, the trained weights
 * sent back ({@link Inherit}).
 */
public record EvaluationRequest(
        int schemaVersion,
        String runId,
        EvaluationKind kind,
        long sequence,
        int repeat,
        Genome genome,
        TrainingTask task,
        MedianStopping stopping,
        Progress progress,
        Integer rung,
        Inherit inherit) {

    /** The message version this code reads and writes (2: ids as fields; 1 carried only the text id). */
    public static final int SCHEMA_VERSION = 2;

    public EvaluationRequest {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        new EvaluationId(runId, kind, sequence, repeat); // validates the id fields, naming the one at fault
        required("genome", genome);
        required("task", task);
    }

    /** A request without weight inheritance. */
    public EvaluationRequest(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                             Genome genome, TrainingTask task, MedianStopping stopping, Progress progress,
                             Integer rung) {
        this(schemaVersion, runId, kind, sequence, repeat, genome, task, stopping, progress, rung, null);
    }

    /** A request without a rung (no successive halving). */
    public EvaluationRequest(int schemaVersion, String runId, EvaluationKind kind, long sequence, int repeat,
                             Genome genome, TrainingTask task, MedianStopping stopping, Progress progress) {
        this(schemaVersion, runId, kind, sequence, repeat, genome, task, stopping, progress, null);
    }

    public EvaluationRequest(EvaluationId id, Genome genome, TrainingTask task) {
        this(id, genome, task, null);
    }

    public EvaluationRequest(EvaluationId id, Genome genome, TrainingTask task, MedianStopping stopping) {
        this(SCHEMA_VERSION, required("id", id).runId(), id.kind(), id.sequence(), id.repeat(), genome, task,
                stopping, null);
    }

    /** This request with the folds done so far, to be continued elsewhere. */
    public EvaluationRequest withProgress(Progress done) {
        return new EvaluationRequest(schemaVersion, runId, kind, sequence, repeat, genome, task, stopping, done, rung,
                inherit);
    }

    /** This request at a successive-halving rung (null: none). */
    public EvaluationRequest atRung(Integer value) {
        return new EvaluationRequest(schemaVersion, runId, kind, sequence, repeat, genome, task, stopping, progress,
                value, inherit);
    }

    /** This request with weight inheritance (null: none). */
    public EvaluationRequest withInherit(Inherit value) {
        return new EvaluationRequest(schemaVersion, runId, kind, sequence, repeat, genome, task, stopping, progress,
                rung, value);
    }

    public EvaluationId id() {
        return new EvaluationId(runId, kind, sequence, repeat);
    }

    /** The id's text form. */
    public String evaluationId() {
        return id().text();
    }
}
