package org.evocnn.evolution.run;

import org.evocnn.engine.process.Evolution;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's fitness results on their way to the engine: those that answer an outstanding evaluation, each once, are
 * journaled with one force, logged and counted for the stopping rule, then given to the engine in order; the others
 * are ignored and counted. Used under the run's lock.
 */
final class ResultIntake {

    private final String runId;
    private final RunRecorder recorder;
    private final EvaluationLog evaluations;
    private final StoppingThresholds stopping;
    private final IgnoredResults ignored;
    private final java.util.function.Consumer<RecordedResult> beforeEngine;

    /** @param beforeEngine told of each journaled result before the engine breeds from it (the weight store) */
    ResultIntake(String runId, RunRecorder recorder, EvaluationLog evaluations, StoppingThresholds stopping,
                 IgnoredResults ignored, java.util.function.Consumer<RecordedResult> beforeEngine) {
        this.beforeEngine = beforeEngine;
        this.runId = runId;
        this.recorder = recorder;
        this.evaluations = evaluations;
        this.stopping = stopping;
        this.ignored = ignored;
    }

    /** Takes a batch; returns how many results the engine got. */
    int take(Evolution evolution, List<EvaluationResult> results) {
        List<EvaluationResult> accepted = outstanding(evolution, results);
        List<RecordedResult> recorded = accepted.stream().map(ResultMapping::record).toList();
        if (!recorded.isEmpty()) {
            long at = recorder.results(recorded);
            evaluations.add(at, recorded);
            recorded.forEach(stopping::recorded);
            recorded.forEach(beforeEngine);
            for (int i = 0; i < recorded.size(); i++) {
                evolution.accept(ResultMapping.outcome(accepted.get(i).sequence(), recorded.get(i)));
            }
        }
        return recorded.size();
    }

    /** The results that answer outstanding evaluations, each once (a duplicate within the batch too is ignored). */
    private List<EvaluationResult> outstanding(Evolution evolution, List<EvaluationResult> results) {
        Set<Long> taking = new HashSet<>();
        List<EvaluationResult> accepted = new ArrayList<>();
        for (EvaluationResult result : results) {
            if (result.kind() == EvaluationKind.FITNESS && result.runId().equals(runId)
                    && evolution.outstanding(result.sequence()) && taking.add(result.sequence())) {
                accepted.add(result);
            } else {
                boolean duplicate = evolution.answered(result.sequence()) || taking.contains(result.sequence());
                ignored.ignored(duplicate ? IgnoredResults.Reason.DUPLICATE : IgnoredResults.Reason.UNKNOWN_EVALUATION,
                        result.evaluationId(), "run " + runId);
            }
        }
        return accepted;
    }
}
