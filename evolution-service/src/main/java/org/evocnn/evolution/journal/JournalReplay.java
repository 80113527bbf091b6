package org.evocnn.evolution.journal;

import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.Replay;
import org.evocnn.model.message.EvaluationResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a journal into the engine's replay history. */
public final class JournalReplay {

    private JournalReplay() {
    }

    /** The engine events of a journal; results of evaluations it never dispatched are dropped. */
    public static List<Replay.Event> events(List<JournalEntry> journal) {
        Map<String, Long> sequences = new HashMap<>();
        List<Replay.Event> events = new ArrayList<>(journal.size());
        for (JournalEntry entry : journal) {
            Instant at = Instant.ofEpochMilli(entry.atMillis());
            if (entry instanceof JournalEntry.Started) {
                events.add(new Replay.Started(at));
            } else if (entry instanceof JournalEntry.Dispatched d) {
                sequences.put(d.evaluationId(), d.sequence());
                events.add(new Replay.Submitted(at, d.sequence(), d.architectureHash()));
            } else if (entry instanceof JournalEntry.ResultReceived r) {
                Long sequence = sequences.get(r.result().evaluationId());
                if (sequence != null) {
                    events.add(new Replay.Evaluated(at, outcome(sequence, r.result())));
                }
            } else if (entry instanceof JournalEntry.StateChanged s && "stopped".equals(s.state())) {
                events.add(new Replay.Stopped(at));
            }
        }
        return events;
    }

    /** The engine's view of a result. */
    public static EvaluationOutcome outcome(long sequence, EvaluationResult result) {
        return switch (result.status()) {
            case OK -> EvaluationOutcome.ok(sequence, result.fitness().loss(), result.fitness().accuracy(),
                    result.trainableParams() == null ? 0 : result.trainableParams(), result.wallSeconds());
            case INVALID -> EvaluationOutcome.invalid(sequence, result.error());
            case FAILED -> EvaluationOutcome.failed(sequence, result.error(), result.wallSeconds());
        };
    }
}
