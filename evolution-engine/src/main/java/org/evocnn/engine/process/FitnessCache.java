package org.evocnn.engine.process;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.model.genome.Genome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's fitness cache: a genome (its canonical form, training genes included; the task is the run's) evaluated
 * before is not evaluated again. A candidate whose genome has a result takes it at once, at no cost (a hit); one
 * whose genome is being evaluated waits for that result. Failures are not kept (a retry may pass): the candidates
 * that waited for one are sent themselves. Deterministic like the rest of the engine, so a replay makes the same hits.
 */
final class FitnessCache implements Reuse {

    /** Most hits in a row before a duplicate is evaluated anyway, so a nearly exhausted space never spins. */
    static final int MAX_CONSECUTIVE_HITS = 1_000;

    /** Most offspring bred for one slot while each is a genome the cache knows; the last one is taken regardless. */
    static final int MAX_REBREEDS = 20;

    private final Map<String, EvaluationOutcome> known = new HashMap<>();
    private final Map<String, Long> sent = new HashMap<>();
    private final Map<Long, List<Candidate>> waiting = new HashMap<>();
    private final ArrayDeque<EvaluationOutcome> hits = new ArrayDeque<>();
    private int consecutiveHits;

    /**
     * Takes a new candidate when it needs no evaluation of its own: a hit (queued) or a duplicate of one being
     * evaluated (waiting). False: it must be sent.
     */
    @Override
    public boolean answers(Candidate candidate) {
        String key = key(candidate);
        EvaluationOutcome result = known.get(key);
        if (result != null && consecutiveHits < MAX_CONSECUTIVE_HITS) {
            consecutiveHits++;
            hits.add(result.reusedFor(candidate.sequence()));
            return true;
        }
        Long original = sent.get(key);
        if (original != null) {
            waiting.computeIfAbsent(original, o -> new ArrayList<>()).add(candidate);
            return true;
        }
        consecutiveHits = 0;
        return false;
    }

    /** A candidate is being sent: duplicates bred meanwhile wait for it. */
    @Override
    public void sending(Candidate candidate) {
        sent.putIfAbsent(key(candidate), candidate.sequence());
    }

    /**
     * A measured result: kept (unless a failure), and given to the candidates that waited for it. Returns those
     * that must be sent after all (they waited for a failure).
     */
    @Override
    public List<Candidate> measured(Candidate candidate, EvaluationOutcome outcome) {
        if (outcome.cached()) {
            return List.of(); // a reused result says nothing new
        }
        String key = key(candidate);
        sent.remove(key);
        List<Candidate> duplicates = waiting.remove(candidate.sequence());
        if (outcome.status() == EvaluationOutcome.Status.FAILED) {
            return duplicates == null ? List.of() : duplicates;
        }
        known.putIfAbsent(key, outcome);
        if (duplicates != null) {
            duplicates.forEach(d -> hits.add(outcome.reusedFor(d.sequence())));
        }
        return List.of();
    }

    /**
     * Breeds again (a bounded number of times) while the offspring's genome was already measured or is being
     * measured: a duplicate answered from the cache would enter the population again at no cost, and a converged
     * population would then breed little else (thousands of hits a minute, diversity lost).
     */
    @Override
    public Supplier<Offspring> novel(Supplier<Offspring> breed) {
        return () -> {
            Offspring offspring = breed.get();
            for (int attempt = 1; attempt < MAX_REBREEDS && knows(offspring.genome()); attempt++) {
                offspring = breed.get();
            }
            return offspring;
        };
    }

    /** Whether a new genome (lowest rung) has a result or an evaluation under way. */
    boolean knows(Genome genome) {
        String key = key(0, genome);
        return known.containsKey(key) || sent.containsKey(key);
    }

    /** A genome's result at one fidelity: a promotion is a new evaluation, not a hit of the rung below. */
    private static String key(Candidate candidate) {
        return key(candidate.rung(), candidate.genome());
    }

    private static String key(int rung, Genome genome) {
        return rung + "@" + genome.canonicalForm();
    }

    /** The next reused result to take, or null. */
    @Override
    public EvaluationOutcome nextHit() {
        return hits.poll();
    }
}
