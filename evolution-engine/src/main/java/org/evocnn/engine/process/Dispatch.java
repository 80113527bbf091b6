package org.evocnn.engine.process;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's candidates out for evaluation: their numbers (1, 2, ... in submission order), the limits on how many may be
 * out and submitted, sending (unless the cache answers), and which were answered.
 */
final class Dispatch {

    private final EvolutionConfig config;
    private final Reuse reuse;
    private final EvaluationPort port;
    private final EvolutionListener listener;
    private final Map<Long, Candidate> inFlight = new LinkedHashMap<>();
    private final Set<Long> answered = new HashSet<>();
    private long nextSequence = 1;
    private long submitted;
    /** Renumberings: when the numbers reach a key, they go on at its value. */
    private final Map<Long, Long> skips = new HashMap<>();

    Dispatch(EvolutionConfig config, Reuse reuse, EvaluationPort port, EvolutionListener listener) {
        this.config = config;
        this.reuse = reuse;
        this.port = port;
        this.listener = listener;
    }

    /** The number the next candidate gets. */
    long nextSequence() {
        for (Long to = skips.get(nextSequence); to != null; to = skips.get(nextSequence)) {
            nextSequence = to;
        }
        submitted++;
        return nextSequence++;
    }

    /**
     * From {@code from} on, numbers continue at {@code to}: a recovered run never gives a number that its lost journal
     * tail may have given to another genome.
     */
    void renumber(long from, long to) {
        if (to <= from || from < 1) {
            throw new IllegalArgumentException("renumbering must go forward: " + from + " -> " + to);
        }
        if (nextSequence > from) {
            throw new IllegalStateException("numbers up to " + (nextSequence - 1) + " are given already");
        }
        skips.put(from, to);
    }

    /** Whether a slot is free and the evaluation budget leaves room for another candidate. */
    boolean free() {
        long max = config.termination().maxEvaluations();
        return inFlight.size() < config.maxInFlight() && (max == 0 || submitted < max);
    }

    /**
     * Sends a candidate out, unless the cache (when on) answers it: then it takes a sequence and a slot, is not sent,
     * and is answered at once (after the fill) or when the evaluation of its genome under way ends.
     */
    void submit(Candidate candidate) {
        inFlight.put(candidate.sequence(), candidate);
        if (!reuse.answers(candidate)) {
            send(candidate);
        }
    }

    void send(Candidate candidate) {
        reuse.sending(candidate);
        listener.submitted(candidate);
        port.submit(candidate);
    }

    /** The candidate a result answers, now answered; null for a sequence never submitted or answered before. */
    Candidate answer(long sequence) {
        Candidate candidate = inFlight.remove(sequence);
        if (candidate != null) {
            answered.add(sequence);
        }
        return candidate;
    }

    boolean outstanding(long sequence) {
        return inFlight.containsKey(sequence);
    }

    boolean answered(long sequence) {
        return answered.contains(sequence);
    }

    int answeredCount() {
        return answered.size();
    }

    long submitted() {
        return submitted;
    }

    int size() {
        return inFlight.size();
    }

    List<Candidate> candidates() {
        return List.copyOf(inFlight.values());
    }
}
