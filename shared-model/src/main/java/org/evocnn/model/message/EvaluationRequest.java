package org.evocnn.model.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Genome;

import static org.evocnn.model.genome.FieldException.nonBlank;
import static org.evocnn.model.genome.FieldException.required;

/**
 * A genome to evaluate, sent to the genomes queue. {@code evaluationId} is unique and is also the message's
 * {@code JMSCorrelationID}.
 */
public record EvaluationRequest(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String runId,
        @JsonProperty(required = true) String evaluationId,
        @JsonProperty(required = true) EvaluationKind kind,
        @JsonProperty(required = true) Genome genome,
        @JsonProperty(required = true) TrainingTask task) {

    /** The message version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    public EvaluationRequest {
        FieldException.schemaVersion(schemaVersion, SCHEMA_VERSION);
        nonBlank("runId", runId);
        nonBlank("evaluationId", evaluationId);
        required("kind", kind);
        required("genome", genome);
        required("task", task);
    }

    public EvaluationRequest(String runId, String evaluationId, EvaluationKind kind, Genome genome, TrainingTask task) {
        this(SCHEMA_VERSION, runId, evaluationId, kind, genome, task);
    }
}
