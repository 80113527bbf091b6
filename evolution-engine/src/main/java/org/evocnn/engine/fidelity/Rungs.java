package org.evocnn.engine.fidelity;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objective;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ok results of the rungs below the top and which of them were promoted. A slot that frees first asks for a
 * promotion ({@link #next()}): from the highest rung down, the best not yet promoted candidate among the top
 * ⌊n/η⌋ of the n results of its rung; only when there is none does the run breed. Deterministic: ranking by the run's
 * objective, ties by sequence.
 */
public final class Rungs {

    /** Evaluate the offspring of candidate {@code from} again at {@code rung}. */
    public record Promotion(long from, int rung, Offspring offspring) {
    }

    private final SuccessiveHalving config;
    private final Objective objective;
    private final List<List<Individual>> results = new ArrayList<>();
    private final Map<Long, Offspring> offspring = new HashMap<>();
    private final Set<Long> promoted = new HashSet<>();

    public Rungs(SuccessiveHalving config, Objective objective) {
        this.config = config;
        this.objective = objective;
        for (int r = 0; r < config.top(); r++) {
            results.add(new ArrayList<>());
        }
    }

    /** An ok result at a rung below the top. */
    public void completed(int rung, Individual individual, Offspring made) {
        if (rung < 0 || rung >= config.top()) {
            throw new IllegalArgumentException("rung " + rung + " is not below the top rung " + config.top());
        }
        results.get(rung).add(individual);
        offspring.put(individual.sequence(), made);
    }

    /** The next promotion, marked as taken; empty when no rung has a candidate in its top 1/η left. */
    public Optional<Promotion> next() {
        for (int rung = config.top() - 1; rung >= 0; rung--) {
            List<Individual> done = results.get(rung);
            int quota = done.size() / config.eta();
            if (quota == 0) {
                continue;
            }
            List<Individual> ranked = objective.rank(done);
            for (int i = 0; i < quota; i++) {
                long sequence = ranked.get(i).sequence();
                if (promoted.add(sequence)) {
                    return Optional.of(new Promotion(sequence, rung + 1, offspring.get(sequence)));
                }
            }
        }
        return Optional.empty();
    }

    /** Ok results recorded at a rung. */
    public int size(int rung) {
        return results.get(rung).size();
    }

    public int promotions() {
        return promoted.size();
    }
}
