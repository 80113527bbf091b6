package org.evocnn.evolution.run;

import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
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
        return RecordedResult.builder(r.evaluationId(), r.kind(), r.status())
                .ids(r.sequence(), r.repeat() == 0 ? null : r.repeat())
                .fitness(f == null ? null : new RecordedResult.Scores(f.loss(), f.accuracy(), f.foldLosses(),
                        f.foldAccuracies()))
                .trainableParams(r.trainableParams()).wallSeconds(r.wallSeconds())
                .evaluator(e == null ? null : new RecordedResult.Evaluator(e.host(), e.backend(), e.device()))
                .error(r.error()).rung(r.rung()).epochLosses(r.epochLosses()).model(r.model())
                .inherited(r.inherited()).build();
    }

    /** A fitness result the engine reused from its cache, as the journal records it, at its candidate's rung. */
    static RecordedResult cacheHit(String runId, EvaluationOutcome o, Integer rung) {
        boolean ok = o.status() == EvaluationOutcome.Status.OK;
        return RecordedResult.builder(EvaluationId.fitness(runId, o.sequence()).text(), EvaluationKind.FITNESS,
                        EvaluationStatus.valueOf(o.status().name()))
                .ids(o.sequence(), null)
                .fitness(ok ? new RecordedResult.Scores(o.loss(), o.accuracy(), List.of(), List.of()) : null)
                .trainableParams(ok ? o.trainableParams() : null).error(o.error())
                .cachedFrom(EvaluationId.fitness(runId, o.cachedFrom()).text()).rung(rung).build();
    }

    /** The engine's view of a recorded result of candidate {@code sequence}. */
    static EvaluationOutcome outcome(long sequence, RecordedResult r) {
        return switch (r.status()) {
            case OK -> EvaluationOutcome.ok(sequence, r.fitness().loss(), r.fitness().accuracy(),
                    r.trainableParams() == null ? 0 : r.trainableParams(), r.wallSeconds());
            case INVALID -> EvaluationOutcome.invalid(sequence, r.error());
            case FAILED -> EvaluationOutcome.failed(sequence, r.error(), r.wallSeconds());
            case STOPPED -> EvaluationOutcome.stopped(sequence, r.error(), r.wallSeconds());
        };
    }
}
