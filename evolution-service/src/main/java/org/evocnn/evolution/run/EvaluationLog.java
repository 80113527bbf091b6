package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.RecordedResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's evaluation results in the order they were taken, kept in memory for the REST pages and the run page so
 * that nobody re-reads the journal. It has its own lock: readers never wait for the run.
 */
public final class EvaluationLog {

    /** A result and when it was journaled (epoch milliseconds). */
    public record Entry(long receivedAtMillis, RecordedResult result) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** The fitness result of each sequence (the last taken). */
    private final java.util.Map<Long, Entry> bySequence = new java.util.HashMap<>();

    synchronized void add(long receivedAtMillis, List<RecordedResult> results) {
        results.forEach(r -> {
            Entry entry = new Entry(receivedAtMillis, r);
            entries.add(entry);
            if (r.sequence() != null && r.kind() == org.evocnn.model.message.EvaluationKind.FITNESS) {
                bySequence.put(r.sequence(), entry);
            }
        });
    }

    /** The fitness result of an evaluation, if it came. */
    public synchronized java.util.Optional<Entry> fitness(long sequence) {
        return java.util.Optional.ofNullable(bySequence.get(sequence));
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Up to {@code size} entries from position {@code from} (0-based), oldest first. */
    public synchronized List<Entry> page(long from, int size) {
        int start = (int) Math.min(entries.size(), Math.max(0, from));
        return List.copyOf(entries.subList(start, (int) Math.min(entries.size(), (long) start + size)));
    }
}
