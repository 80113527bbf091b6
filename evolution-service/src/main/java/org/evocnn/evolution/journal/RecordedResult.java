package org.evocnn.evolution.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.Inherited;
import org.evocnn.model.message.ModelRef;

import java.util.List;

/**
 * An evaluation result as the journal keeps it. Format 1 journals wrote the wire message of the day (with its
 * {@code schemaVersion} and {@code runId}, and without {@code sequence}/{@code repeat}); those lines read into this
 * record too, their ids being resolved from the journal's own dispatch and final-training entries.
 *
 * @param evaluationId    the evaluation's text id
 * @param kind            fitness or final training (written {@code fitness}, {@code final})
 * @param sequence        the candidate's (or final training's) number; null in format 1
 * @param repeat          the final training's repeat; null in format 1 and for fitness
 * @param status          written {@code ok}, {@code invalid}, {@code failed} or {@code stopped}
 * @param fitness         the scores, when ok
 * @param trainableParams of the built network, when known
 * @param evaluator       who evaluated, when known
 * @param error           why not ok
 * @param cachedFrom      for a result the fitness cache reused, the evaluation it was measured by (such entries are
 *                        a record for people: the engine's replay makes them again itself); null otherwise
 * @param rung            with successive halving, the rung it was evaluated at (0 the lowest); null otherwise
 * @param epochLosses     with the median stopping rule, each fold's validation loss after each epoch; null otherwise
 * @param model           of a final training whose network was kept: the stored file's SHA-256 and size, or why there
 *                        is none (docs/models.md); with weight inheritance, of every ok fitness evaluation too
 * @param inherited       with weight inheritance: layers and parameters taken from parents, lineage epochs, and why a
 *                        parent's weights could not be used (docs/inheritance.md); null otherwise
 */
@JsonIgnoreProperties({"schemaVersion", "runId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedResult(String evaluationId, EvaluationKind kind, Long sequence, Integer repeat,
                             EvaluationStatus status, Scores fitness, Long trainableParams, double wallSeconds,
                             Evaluator evaluator, String error, String cachedFrom, Integer rung,
                             List<List<Double>> epochLosses, ModelRef model, Inherited inherited) {

    /** A result being built: its id, kind and status first, the rest as known. */
    public static Builder builder(String evaluationId, EvaluationKind kind, EvaluationStatus status) {
        return new Builder(evaluationId, kind, status);
    }

    /** Builds a {@link RecordedResult}; fields left out stay null (0 seconds). */
    public static final class Builder {
        private final String evaluationId;
        private final EvaluationKind kind;
        private final EvaluationStatus status;
        private Long sequence;
        private Integer repeat;
        private Scores fitness;
        private Long trainableParams;
        private double wallSeconds;
        private Evaluator evaluator;
        private String error;
        private String cachedFrom;
        private Integer rung;
        private List<List<Double>> epochLosses;
        private ModelRef model;
        private Inherited inherited;

        private Builder(String evaluationId, EvaluationKind kind, EvaluationStatus status) {
            this.evaluationId = evaluationId;
            this.kind = kind;
            this.status = status;
        }

        /** The candidate's (or final training's) number and the final training's repeat (null for fitness). */
        public Builder ids(Long sequenceValue, Integer repeatValue) {
            sequence = sequenceValue;
            repeat = repeatValue;
            return this;
        }

        public Builder fitness(Scores value) {
            fitness = value;
            return this;
        }

        public Builder trainableParams(Long value) {
            trainableParams = value;
            return this;
        }

        public Builder wallSeconds(double value) {
            wallSeconds = value;
            return this;
        }

        public Builder evaluator(Evaluator value) {
            evaluator = value;
            return this;
        }

        public Builder error(String value) {
            error = value;
            return this;
        }

        public Builder cachedFrom(String value) {
            cachedFrom = value;
            return this;
        }

        public Builder rung(Integer value) {
            rung = value;
            return this;
        }

        public Builder epochLosses(List<List<Double>> value) {
            epochLosses = value;
            return this;
        }

        public Builder model(ModelRef value) {
            model = value;
            return this;
        }

        public Builder inherited(Inherited value) {
            inherited = value;
            return this;
        }

        public RecordedResult build() {
            return new RecordedResult(evaluationId, kind, sequence, repeat, status, fitness, trainableParams,
                    wallSeconds, evaluator, error, cachedFrom, rung, epochLosses, model, inherited);
        }
    }

    /** Mean (and per-fold) validation loss and accuracy, or the test-set values of a final training. */
    public record Scores(double loss, double accuracy, List<Double> foldLosses, List<Double> foldAccuracies) {
    }

    /** The evaluator's host, backend and device. */
    public record Evaluator(String host, String backend, String device) {
    }

    @JsonIgnore
    public boolean isOk() {
        return status == EvaluationStatus.OK;
    }
}
