package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.JournalEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who bred whom in a run: each dispatched evaluation's parents and the operators that made it, from the journal's
 * dispatches (kept in memory as they are journaled, rebuilt from the history after a restart). A network's lineage
 * is its ancestors back to the random genomes they started from.
 */
public final class Ancestry {

    /** One evaluation: its parents (none for a random genome) and how it was made, e.g. {@code crossover+addLayer}. */
    public record Node(long sequence, List<Long> parents, String origin) {
    }

    /** An ancestor in a lineage, with its distance from the network asked about (0: that network). */
    public record Ancestor(Node node, int generation) {
    }

    private final Map<Long, Node> nodes = new ConcurrentHashMap<>();

    void dispatched(List<Outbox.Outgoing> batch) {
        for (Outbox.Outgoing o : batch) {
            nodes.putIfAbsent(o.candidate().sequence(), new Node(o.candidate().sequence(),
                    o.candidate().offspring().parents(), o.candidate().offspring().origin()));
        }
    }

    void restore(List<JournalEntry> history) {
        for (JournalEntry e : history) {
            if (e instanceof JournalEntry.Dispatched d) {
                nodes.putIfAbsent(d.sequence(), new Node(d.sequence(), d.parents() == null ? List.of() : d.parents(),
                        d.origin()));
            }
        }
    }

    /**
     * The evaluation and its ancestors, nearest first (breadth first, each once), at most {@code max}; empty for a
     * sequence never dispatched.
     */
    public List<Ancestor> lineage(long sequence, int max) {
        List<Ancestor> out = new ArrayList<>();
        Deque<Ancestor> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        Node start = nodes.get(sequence);
        if (start == null) {
            return out;
        }
        queue.add(new Ancestor(start, 0));
        seen.add(sequence);
        while (!queue.isEmpty() && out.size() < max) {
            Ancestor a = queue.poll();
            out.add(a);
            for (long parent : a.node().parents()) {
                Node p = nodes.get(parent);
                if (p != null && seen.add(parent)) {
                    queue.add(new Ancestor(p, a.generation() + 1));
                }
            }
        }
        return out;
    }
}
