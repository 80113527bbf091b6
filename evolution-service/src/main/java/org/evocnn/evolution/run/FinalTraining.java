package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.genome.Genome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A genome trained on the whole training set and scored on the test set, {@code repeats} times with different
 * seeds, reported like the paper's Tables 1 and 4 (avg / std / min / max test accuracy). Thread-safe.
 */
public final class FinalTraining {

    /** avg / std / min / max of the test accuracies of the ok repeats (std: sample standard deviation). */
    public record Summary(int ok, double avg, double std, double min, double max) {
        static Summary of(List<Double> values) {
            if (values.isEmpty()) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double avg = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = values.size() < 2 ? 0 : values.stream().mapToDouble(v -> (v - avg) * (v - avg)).sum()
                    / (values.size() - 1);
            return new Summary(values.size(), avg, Math.sqrt(var),
                    values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }

    private final String id;
    private final long index;
    private final String label;
    private final Genome genome;
    private final int repeats;
    private final int epochs;
    private final Map<Integer, RecordedResult> results = new TreeMap<>();

    FinalTraining(String id, long index, String label, Genome genome, int repeats, int epochs) {
        this.id = id;
        this.index = index;
        this.label = label;
        this.genome = genome;
        this.repeats = repeats;
        this.epochs = epochs;
    }

    /** Keeps the first result of each repeat; false when the repeat was answered already. */
    synchronized boolean accept(int repeat, RecordedResult result) {
        return results.putIfAbsent(repeat, result) == null;
    }

    synchronized boolean answered(int repeat) {
        return results.containsKey(repeat);
    }

    /** The repeat a text evaluation id names, for results journaled before ids travelled as fields. */
    int repeatOf(String evaluationId) {
        for (int n = 1; n <= repeats; n++) {
            if (evaluationId.equals(id + "-" + n)) {
                return n;
            }
        }
        return 0;
    }

    public String id() {
        return id;
    }

    /** Its number within the run. */
    public long index() {
        return index;
    }

    public String label() {
        return label;
    }

    public Genome genome() {
        return genome;
    }

    public int repeats() {
        return repeats;
    }

    public int epochs() {
        return epochs;
    }

    public synchronized boolean done() {
        return results.size() >= repeats;
    }

    /** The results so far, by repeat. */
    public synchronized List<RecordedResult> results() {
        return new ArrayList<>(results.values());
    }

    /** The test-accuracy statistics of the repeats answered ok so far. */
    public synchronized Summary testAccuracy() {
        return Summary.of(results.values().stream().filter(RecordedResult::isOk)
                .map(r -> r.fitness().accuracy()).toList());
    }
}
