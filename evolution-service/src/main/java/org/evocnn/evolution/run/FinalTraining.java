package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A genome trained on the whole training set and scored on the test set, {@code repeats} times with different
 * seeds, reported like the paper's Tables 1 and 4 (avg / std / min / max test accuracy).
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
    private final String label;
    private final Genome genome;
    private final int repeats;
    private final Map<String, EvaluationResult> results = new TreeMap<>();

    FinalTraining(String id, String label, Genome genome, int repeats) {
        this.id = id;
        this.label = label;
        this.genome = genome;
        this.repeats = repeats;
    }

    /** Evaluation id of the n-th repeat (1-based). */
    static String evaluationId(String id, int n) {
        return id + "-" + n;
    }

    /** Keeps the first result of each repeat. */
    synchronized void accept(EvaluationResult result) {
        results.putIfAbsent(result.evaluationId(), result);
    }

    synchronized boolean has(String evaluationId) {
        return results.containsKey(evaluationId);
    }

    /** The final trainings a run's journal records, with the results it holds for them, in journal order. */
    public static List<FinalTraining> fromJournal(List<JournalEntry> journal) {
        Map<String, FinalTraining> trainings = new java.util.LinkedHashMap<>();
        for (JournalEntry entry : journal) {
            if (entry instanceof JournalEntry.FinalRequested f) {
                trainings.put(f.finalId(), new FinalTraining(f.finalId(), f.label(), f.genome(), f.repeats()));
            } else if (entry instanceof JournalEntry.FinalResultReceived r) {
                FinalTraining training = trainings.get(finalIdOf(r.result().evaluationId()));
                if (training != null) {
                    training.accept(r.result());
                }
            }
        }
        return List.copyOf(trainings.values());
    }

    /** The final training an evaluation id belongs to ({@code <finalId>-<n>}), if any. */
    static String finalIdOf(String evaluationId) {
        int at = evaluationId.lastIndexOf('-');
        return at < 0 ? "" : evaluationId.substring(0, at);
    }

    public String id() {
        return id;
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

    public synchronized boolean done() {
        return results.size() >= repeats;
    }

    public synchronized List<EvaluationResult> results() {
        return new ArrayList<>(results.values());
    }

    /** The test-accuracy statistics of the repeats answered ok so far. */
    public synchronized Summary testAccuracy() {
        return Summary.of(results.values().stream().filter(EvaluationResult::isOk)
                .map(r -> r.fitness().accuracy()).toList());
    }
}
