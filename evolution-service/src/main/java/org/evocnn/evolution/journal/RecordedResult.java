package org.evocnn.evolution.journal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An evaluation result as the journal keeps it. Format 1 journals wrote the wire message of the day (with its
 * {@code schemaVersion} and {@code runId}, and without {@code sequence}/{@code repeat}); those lines read into this
 * record too, their ids being resolved from the journal's own dispatch and final-training entries.
 *
 * @param evaluationId    the evaluation's text id
 * @param kind            {@code fitness} or {@code final}
 * @param sequence        the candidate's (or final training's) number; null in format 1
 * @param repeat          the final training's repeat; null in format 1 and for fitness
 * @param status          {@code ok}, {@code invalid}, {@code failed} or {@code stopped}
 * @param fitness         the scores, when ok
 * @param trainableParams of the built network, when known
 * @param evaluator       who evaluated, when known
 * @param error           why not ok
 * @param cachedFrom      for a result the fitness cache reused, the evaluation it was measured by (such entries are
 *                        a record for people: the engine's replay makes them again itself); null otherwise
 * @param rung            with successive halving, the rung it was evaluated at (0 the lowest); null otherwise
 * @param epochLosses     with the median stopping rule, each fold's validation loss after each epoch; null otherwise
 */
@JsonIgnoreProperties({"schemaVersion", "runId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedResult(String evaluationId, String kind, Long sequence, Integer repeat, String status,
                             Scores fitness, Long trainableParams, double wallSeconds, Evaluator evaluator,
                             String error, String cachedFrom, Integer rung, List<List<Double>> epochLosses) {

    /** A measured result (not a cache hit) without successive halving. */
    public RecordedResult(String evaluationId, String kind, Long sequence, Integer repeat, String status,
                          Scores fitness, Long trainableParams, double wallSeconds, Evaluator evaluator, String error) {
        this(evaluationId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds, evaluator, error, null,
                null, null);
    }

    /** This result as evaluated at a rung (null: no successive halving). */
    public RecordedResult atRung(Integer value) {
        return new RecordedResult(evaluationId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds,
                evaluator, error, cachedFrom, value, epochLosses);
    }

    /** This result with the learning curves it was measured with. */
    public RecordedResult withEpochLosses(List<List<Double>> curves) {
        return new RecordedResult(evaluationId, kind, sequence, repeat, status, fitness, trainableParams, wallSeconds,
                evaluator, error, cachedFrom, rung, curves);
    }

    /** Mean (and per-fold) validation loss and accuracy, or the test-set values of a final training. */
    public record Scores(double loss, double accuracy, List<Double> foldLosses, List<Double> foldAccuracies) {
    }

    /** The evaluator's host, backend and device. */
    public record Evaluator(String host, String backend, String device) {
    }

    @JsonIgnore
    public boolean isOk() {
        return "ok".equals(status);
    }
}
