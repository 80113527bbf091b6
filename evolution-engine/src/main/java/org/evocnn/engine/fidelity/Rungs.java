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
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The ok results of the rungs below the top and which of them were promoted. A slot that frees first asks for a
 * promotion ({@link #next()}): from the highest rung down, the best not yet promoted candidate among the top
 * ⌊n/η⌋ of the n results of its rung; only when there is none does the run breed. Deterministic: ranking by the run's
 * objective, ties by sequence. It also keeps, for rung-adjusted selection, how the loss of promoted candidates changed
 * from each rung to the next.
 */
public final class Rungs {

    /** Evaluate the offspring of candidate {@code from} again at {@code rung}. */
    public record Promotion(long from, int rung, Offspring offspring) {
    }

    private record Measured(Individual individual, Offspring offspring) {
    }

    private final SuccessiveHalving config;
    private final Objective objective;
    private final List<List<Individual>> results = new ArrayList<>();
    private final Map<Long, Measured> bySequence = new HashMap<>();
    private final Set<Long> promoted = new HashSet<>();
    /** For each rung below the top: loss at the rung above minus loss at it, of each promoted candidate. */
    private final List<List<Double>> steps = new ArrayList<>();

    public Rungs(SuccessiveHalving config, Objective objective) {
        this.config = config;
        this.objective = objective;
        for (int r = 0; r < config.top(); r++) {
            results.add(new ArrayList<>());
            steps.add(new ArrayList<>());
        }
    }

    /** An ok result at a rung below the top. */
    public void completed(int rung, Individual individual, Offspring made) {
        if (rung < 0 || rung >= config.top()) {
            throw new IllegalArgumentException("rung " + rung + " is not below the top rung " + config.top());
        }
        results.get(rung).add(individual);
        bySequence.put(individual.sequence(), new Measured(individual, made));
    }

    /** An ok result at {@code rung} (above the lowest) of a candidate promoted from {@code from} at the rung below. */
    public void climbed(long from, int rung, double loss) {
        Measured below = bySequence.get(from);
        if (below == null || rung < 1 || rung > config.top()) {
            throw new IllegalArgumentException("no result of " + from + " below rung " + rung);
        }
        steps.get(rung - 1).add(loss - below.individual().loss());
    }

    /**
     * What to add to a loss measured at {@code rung} to estimate it at the top rung: the sum, over the rungs from it
     * up, of the median change between a rung and the next among promoted candidates (robust to the few whose ranking
     * changes); empty while some rung step has no promoted result yet.
     */
    public OptionalDouble offset(int rung) {
        double sum = 0;
        for (int r = rung; r < config.top(); r++) {
            List<Double> changes = steps.get(r);
            if (changes.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += median(changes);
        }
        return OptionalDouble.of(sum);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
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
                    return Optional.of(new Promotion(sequence, rung + 1, bySequence.get(sequence).offspring()));
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
