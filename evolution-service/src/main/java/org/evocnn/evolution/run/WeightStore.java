package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Candidate;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.ModelRef;
import java.util.Optional;
import org.evocnn.engine.operators.Inheritance;
import org.evocnn.model.genome.Genome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The trained weights of a run's fitness evaluations under weight inheritance (docs/inheritance.md). The files are
 * the model store's ({@code runs/<runId>/models/<evaluationId>.zip}, taken from the results' messages and checked
 * against the hash each result names); this index knows, from the journaled results, which evaluation's weights are
 * kept, under which hash, with how many lineage epochs. After every batch of results it keeps the weights of the
 * population's members, of the best network, and of the parents of evaluations in flight, and deletes the rest; over
 * the disk budget it deletes the worst members' weights first (never an in-flight evaluation's parent's). A child
 * whose parent's weights are gone is sent with that parent marked missing, saying why: it trains those layers from
 * scratch and its result says so, it is never lost.
 */
final class WeightStore {

    private final String runId;
    private final Path runDir;
    private final long budgetBytes;
    private final Map<Long, Kept> kept = new HashMap<>();
    private final Map<Long, String> gone = new HashMap<>();

    /** A kept network's weights: the journaled hash and size, and the epochs of training they hold. */
    record Kept(ModelRef ref, int lineageEpochs) {
    }

    WeightStore(String runId, Path runDir, long budgetBytes) {
        this.runId = runId;
        this.runDir = runDir;
        this.budgetBytes = budgetBytes;
    }

    /** Takes note of a journaled fitness result (live or replayed). */
    void recorded(RecordedResult r, int taskEpochs) {
        if (r.kind() != EvaluationKind.FITNESS || r.sequence() == null || r.cachedFrom() != null) {
            return;
        }
        long sequence = r.sequence();
        if (!r.isOk()) {
            gone.put(sequence, "it has no trained weights (" + r.status().name().toLowerCase(Locale.ROOT) + ")");
        } else if (r.model() == null) {
            gone.put(sequence, "its evaluator sent no trained weights");
        } else if (!r.model().isKept()) {
            gone.put(sequence, "its weights were not kept: " + r.model().error());
        } else {
            int epochs = r.inherited() == null ? taskEpochs : r.inherited().lineageEpochs();
            kept.put(sequence, new Kept(r.model(), epochs));
            gone.remove(sequence);
        }
    }

    /**
     * What a candidate's request carries: its layer sources and, for each parent they name, the weights to send or
     * why there are none. A genome with no inherited layer inherits nothing but still sends its weights back.
     */
    Inherit inherit(Candidate candidate) {
        Inheritance inheritance = candidate.offspring().inheritance();
        if (!inheritance.inherits()) {
            return Inherit.NOTHING;
        }
        List<Inherit.Parent> named = new ArrayList<>();
        for (long parent : inheritance.parents()) {
            Kept weights = kept.get(parent);
            if (weights == null) {
                named.add(Inherit.Parent.missing(parent, gone.getOrDefault(parent, "no result of it was recorded")));
            } else if (!Files.isRegularFile(file(parent))) {
                String why = "its weights file " + file(parent).getFileName() + " is missing";
                Log.warnf("run %s: evaluation %d's weights were kept, but %s", runId, parent, why);
                kept.remove(parent);
                gone.put(parent, why);
                named.add(Inherit.Parent.missing(parent, why));
            } else {
                named.add(Inherit.Parent.sent(parent, weights.ref(), weights.lineageEpochs()));
            }
        }
        return new Inherit(named, inheritance.layers());
    }

    /** Every layer of {@code genome} from evaluation {@code sequence}'s kept weights; empty when they are not kept. */
    Optional<Inherit> whole(long sequence, Genome genome) {
        Kept weights = kept.get(sequence);
        if (weights == null || !Files.isRegularFile(file(sequence))) {
            return Optional.empty();
        }
        return Optional.of(new Inherit(List.of(Inherit.Parent.sent(sequence, weights.ref(),
                weights.lineageEpochs())), Inheritance.copyOf(sequence, genome).layers()));
    }

    /** Why evaluation {@code sequence}'s weights are not kept. */
    String whyGone(long sequence) {
        if (kept.containsKey(sequence)) {
            return "its weights file " + file(sequence).getFileName() + " is missing";
        }
        return gone.getOrDefault(sequence, "no result of it was recorded");
    }

    /**
     * Deletes the weights no longer needed: all but the population's, the best network's and those of in-flight
     * evaluations' parents; then, over the budget, the worst members' (highest loss) until under it.
     */
    void prune(Collection<Individual> population, Collection<Candidate> inFlight, Individual best) {
        Set<Long> needed = new HashSet<>();
        for (Candidate c : inFlight) {
            needed.add(c.sequence());
            needed.addAll(c.offspring().inheritance().parents());
        }
        if (best != null) {
            needed.add(best.sequence());
        }
        Set<Long> members = new HashSet<>();
        population.forEach(i -> members.add(i.sequence()));
        for (Long sequence : List.copyOf(kept.keySet())) {
            if (!needed.contains(sequence) && !members.contains(sequence)) {
                delete(sequence, "its weights were deleted when it left the population");
            }
        }
        sweep(needed);
        long total = bytes();
        if (total <= budgetBytes) {
            return;
        }
        List<Individual> evictable = population.stream().filter(i -> kept.containsKey(i.sequence())
                && !needed.contains(i.sequence())).sorted(Comparator.comparingDouble(Individual::loss).reversed()
                .thenComparing(Comparator.comparingLong(Individual::sequence).reversed())).toList();
        for (Individual worst : evictable) {
            if (total <= budgetBytes) {
                break;
            }
            Kept k = kept.get(worst.sequence());
            if (k == null) {
                continue; // a migrant's copy of a member already evicted
            }
            total -= k.ref().bytes();
            delete(worst.sequence(), String.format(Locale.ROOT, "its weights were deleted to keep the run's weights "
                    + "under the budget of %,d MiB (evocnn.models.weights-budget)", budgetBytes >> 20));
        }
    }

    /**
     * Deletes this run's fitness weights files the index does not keep: those of a result that came again after its
     * evaluation left the population (a redelivery the run ignored), which the model store took before the run
     * looked at it. In-flight evaluations' files are not touched: theirs may be on their way to the journal.
     */
    private void sweep(Set<Long> needed) {
        Path dir = RunFiles.models(runDir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = runId + "-";
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.length() == prefix.length() + 10 && name.startsWith(prefix) && name.endsWith(".zip")) {
                    String digits = name.substring(prefix.length(), prefix.length() + 6);
                    if (digits.chars().allMatch(Character::isDigit)) {
                        long sequence = Long.parseLong(digits);
                        if (!kept.containsKey(sequence) && !needed.contains(sequence)) {
                            delete(sequence, gone.getOrDefault(sequence, "its weights were not kept"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            Log.warnf("run %s: could not list %s: %s", runId, dir, e.getMessage());
        }
    }

    private void delete(long sequence, String why) {
        kept.remove(sequence);
        gone.put(sequence, why);
        for (Path path : new Path[] {file(sequence), RunFiles.manifest(runDir, name(sequence))}) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                Log.warnf("run %s: could not delete %s: %s", runId, path, e.getMessage());
            }
        }
    }

    /** The weights kept, by evaluation sequence. */
    Map<Long, Kept> kept() {
        return Map.copyOf(kept);
    }

    /** Bytes of the weights kept. */
    long bytes() {
        return kept.values().stream().mapToLong(k -> k.ref().bytes()).sum();
    }

    Path file(long sequence) {
        return RunFiles.network(runDir, name(sequence));
    }

    private String name(long sequence) {
        return EvaluationId.fitness(runId, sequence).text();
    }
}
