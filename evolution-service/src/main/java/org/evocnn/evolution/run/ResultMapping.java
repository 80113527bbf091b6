package org.evocnn.evolution.run;

import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;

import java.util.List;

/**
 * The one adapter between a result's three forms: a wire result becomes the journal's record, and the engine sees
 * only what the journal recorded, so a replay gives the engine exactly what the live run gave it.
 */
final class ResultMapping {

    private ResultMapping() {
    }

    static RecordedResult record(EvaluationResult r) {
        Fitness f = r.fitness();
        EvaluatorInfo e = r.evaluator();
        return new RecordedResult(r.evaluationId(), r.kind().wire(), r.sequence(),
                r.repeat() == 0 ? null : r.repeat(), r.status().wire(),
                f == null ? null : new RecordedResult.Scores(f.loss(), f.accuracy(), f.foldLosses(), f.foldAccuracies()),
                r.trainableParams(), r.wallSeconds(),
                e == null ? null : new RecordedResult.Evaluator(e.host(), e.backend(), e.device()), r.error())
                .withEpochLosses(r.epochLosses());
    }

    /** A fitness result the engine reused from its cache, as the journal records it. */
    static RecordedResult cacheHit(String runId, EvaluationOutcome o) {
        boolean ok = o.status() == EvaluationOutcome.Status.OK;
        return new RecordedResult(EvaluationId.fitness(runId, o.sequence()).text(), "fitness", o.sequence(), null,
                o.status().name().toLowerCase(java.util.Locale.ROOT),
                ok ? new RecordedResult.Scores(o.loss(), o.accuracy(), List.of(), List.of()) : null,
                ok ? o.trainableParams() : null, 0, null, o.error(),
                EvaluationId.fitness(runId, o.cachedFrom()).text(), null, null);
    }

    /** The engine's view of a recorded result of candidate {@code sequence}. */
    static EvaluationOutcome outcome(long sequence, RecordedResult r) {
        return switch (r.status()) {
            case "ok" -> EvaluationOutcome.ok(sequence, r.fitness().loss(), r.fitness().accuracy(),
                    r.trainableParams() == null ? 0 : r.trainableParams(), r.wallSeconds());
            case "invalid" -> EvaluationOutcome.invalid(sequence, r.error());
            case "failed" -> EvaluationOutcome.failed(sequence, r.error(), r.wallSeconds());
            case "stopped" -> EvaluationOutcome.stopped(sequence, r.error(), r.wallSeconds());
            default -> throw new IllegalArgumentException("unknown result status '" + r.status() + "'");
        };
    }
}
