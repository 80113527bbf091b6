package org.evocnn.evolution.run;

import org.evocnn.engine.process.Replay;
import org.evocnn.evolution.journal.JournalEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a journal into the engine's replay history. */
public final class JournalReplay {

    private JournalReplay() {
    }

    /**
     * The engine events of a journal; results of evaluations it never dispatched are dropped. A format-1 result has
     * no sequence: its evaluation id is looked up among the journal's own dispatch entries.
     */
    public static List<Replay.Event> events(List<JournalEntry> journal) {
        Map<String, Long> dispatched = new HashMap<>();
        List<Replay.Event> events = new ArrayList<>(journal.size());
        for (JournalEntry entry : journal) {
            Instant at = Instant.ofEpochMilli(entry.atMillis());
            if (entry instanceof JournalEntry.Started) {
                events.add(new Replay.Started(at));
            } else if (entry instanceof JournalEntry.Dispatched d) {
                dispatched.put(d.evaluationId(), d.sequence());
                events.add(new Replay.Submitted(at, d.sequence(), d.architectureHash()));
            } else if (entry instanceof JournalEntry.ResultReceived r && r.result().cachedFrom() == null) {
                // a cache hit is not history: the engine's replay reuses the same result at the same point
                Long sequence = dispatched.get(r.result().evaluationId());
                if (sequence != null) {
                    events.add(new Replay.Evaluated(at, ResultMapping.outcome(sequence, r.result())));
                }
            } else if (entry instanceof JournalEntry.StateChanged s && "stopped".equals(s.state())) {
                events.add(new Replay.Stopped(at));
            } else if (entry instanceof JournalEntry.Renumbered r) {
                events.add(new Replay.Renumbered(at, r.fromSequence(), r.toSequence()));
            }
        }
        return events;
    }
}
