package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.LayerSource;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.Inherited;
import org.evocnn.model.message.ModelRef;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.training.export.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run with weight inheritance and its weight store, with the files the model store would take from results: requests
 * name their parents' journaled hashes, the store keeps only what the population, the best and in-flight evaluations'
 * parents need, a missing file is named in the child's request (which is still sent), the budget is kept, and a run
 * restored from its journal sends the same requests as the run before the crash.
 */
class WeightStoreTest {

    private static final String SPEC = """
            {"task": {"dataset": "mnist", "folds": 2, "epochs": 1},
             "evolution": {"popSize": %d, "minPopSize": 2, "maxInFlight": 2, "seed": 11, "inheritance": true,
                           "termination": {"maxEvaluations": %d}}}""";

    @TempDir
    Path dir;

    private final List<EvaluationRequest> sent = new ArrayList<>();
    private final Set<Long> done = new HashSet<>();

    private EvolutionRun create(int evaluations, long budget) throws IOException {
        return create(4, evaluations, budget);
    }

    private EvolutionRun create(int popSize, int evaluations, long budget) throws IOException {
        RunSpec spec = RunSpecJson.read(SPEC.formatted(popSize, evaluations));
        Files.createDirectories(dir.resolve("r"));
        return new RunLoader(InstantSource.system(), sent::addAll, Runnable::run, budget).create("r", spec,
                RunJournal.open(dir.resolve("r/journal.jsonl")));
    }

    private Path models() {
        return dir.resolve("r/models");
    }

    /** An evaluator's answer: its weights written where the model store puts them, the result naming their hash. */
    private EvaluationResult answer(EvaluationRequest request) throws IOException {
        Files.createDirectories(models());
        Path file = models().resolve(request.evaluationId() + ".zip");
        Files.writeString(file, "weights of " + request.evaluationId() + " ".repeat((int) request.sequence() * 100),
                StandardCharsets.UTF_8);
        int lineage = 1 + request.inherit().travelling().stream().mapToInt(Inherit.Parent::lineageEpochs).max()
                .orElse(0);
        return EvaluationResult.ok(request.id(), Fitness.ofFolds(List.of(1.0 / request.sequence()), List.of(0.5)),
                        NetworkAnalyzer.analyze(request.genome()).trainableParams(), 1.0, null)
                .withModel(ModelRef.kept(ModelFiles.sha256(file), Files.size(file)))
                .withInherited(new Inherited(0, 0, lineage, null));
    }

    /** Answers the oldest outstanding request until the run finishes; returns every request sent, by sequence. */
    private Map<Long, EvaluationRequest> drive(EvolutionRun run, int stopAfter) throws IOException {
        Map<Long, EvaluationRequest> bySequence = new LinkedHashMap<>();
        int answered = 0;
        while (answered < stopAfter) {
            sent.forEach(r -> bySequence.putIfAbsent(r.sequence(), r));
            EvaluationRequest next = bySequence.values().stream().filter(r -> !done.contains(r.sequence()))
                    .findFirst().orElse(null);
            if (next == null) {
                break;
            }
            done.add(next.sequence());
            run.accept(answer(next));
            answered++;
            assertKeptIsWhatIsNeeded(run);
        }
        sent.forEach(r -> bySequence.putIfAbsent(r.sequence(), r));
        return bySequence;
    }

    private void assertKeptIsWhatIsNeeded(EvolutionRun run) throws IOException {
        Set<Long> needed = new HashSet<>();
        run.snapshot().population().forEach(i -> needed.add(i.sequence()));
        run.snapshot().best().ifPresent(b -> needed.add(b.sequence()));
        synchronized (run) {
            for (var c : run.evolutionInFlight()) {
                c.offspring().inheritance().layers().stream().filter(l -> !l.fresh())
                        .forEach(l -> needed.add(l.parent()));
            }
        }
        assertThat(needed).containsAll(run.keptWeightBytes().keySet());
        try (var files = Files.list(models())) { // no file left behind that the store does not know
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".zip")))
                    .allSatisfy(n -> assertThat(run.keptWeightBytes()).containsKey(Long.parseLong(n.substring(2, 8))));
        }
    }

    @Test
    void requestsNameTheirParentsHashesAndOnlyWhatIsNeededIsKept() throws Exception {
        EvolutionRun run = create(24, Long.MAX_VALUE);
        run.start();
        Map<Long, EvaluationRequest> requests = drive(run, 24);

        assertThat(requests).hasSize(24);
        Map<Long, String> hashes = new LinkedHashMap<>();
        for (JournalEntry e : RunJournal.read(dir.resolve("r/journal.jsonl"))) {
            if (e instanceof JournalEntry.ResultReceived r && r.result().kind() == EvaluationKind.FITNESS) {
                hashes.put(r.result().sequence(), r.result().model().sha256());
                assertThat(r.result().inherited()).isNotNull();
            }
        }
        int inheriting = 0;
        for (EvaluationRequest r : requests.values()) {
            assertThat(r.inherit()).as("every request of such a run asks for its weights back").isNotNull();
            for (Inherit.Parent p : r.inherit().parents()) {
                assertThat(p.travels()).as("%s: parent %d", r.evaluationId(), p.sequence()).isTrue();
                assertThat(p.sha256()).isEqualTo(hashes.get(p.sequence()));
                assertThat(r.inherit().layers()).anyMatch(l -> l.parent() == p.sequence());
            }
            if (!r.inherit().parents().isEmpty()) {
                inheriting++;
                assertThat(r.inherit().layers()).hasSize(r.genome().convPart().size() + r.genome().densePart().size()
                        + 1);
            }
        }
        assertThat(inheriting).as("offspring inherit").isGreaterThan(10);
        assertThat(run.keptWeightBytes().size()).isLessThanOrEqualTo(4 + 1);
    }

    @Test
    void aMissingWeightsFileIsNamedInTheChildsRequestWhichIsStillSent() throws Exception {
        EvolutionRun run = create(30, Long.MAX_VALUE);
        run.start();
        drive(run, 8);
        for (long member : run.keptWeightBytes().keySet()) {
            Files.delete(models().resolve("r-" + String.format("%06d", member) + ".zip"));
        }
        int before = sent.size();
        Map<Long, EvaluationRequest> requests = drive(run, 30);
        assertThat(requests).hasSize(30);
        List<Inherit.Parent> missing = sent.subList(before, sent.size()).stream()
                .flatMap(r -> r.inherit().parents().stream()).filter(p -> !p.travels()).toList();
        assertThat(missing).isNotEmpty().allSatisfy(p -> assertThat(p.missing()).startsWith("its weights file r-")
                .endsWith(".zip is missing"));
    }

    @Test
    void overItsBudgetTheStoreDeletesTheWorstMembersWeightsAndSaysSo() throws Exception {
        long budget = 1_000; // less than a file of the later evaluations: every member not needed goes
        EvolutionRun run = create(10, 40, budget); // members beside the two in-flight evaluations' parents
        run.start();
        drive(run, 40);
        assertThat(run.snapshot().finished()).isTrue();
        // finished, nothing in flight: the best network's weights may stay past the budget, nothing else
        assertThat(run.keptWeightBytes().values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(
                budget + 3_100L);
        assertThat(sent.stream().flatMap(r -> r.inherit().parents().stream()).filter(p -> !p.travels()))
                .isNotEmpty().allSatisfy(p -> assertThat(p.missing()).contains("budget")
                        .contains("evocnn.models.weights-budget"));
    }

    @Test
    void aRunRestoredAfterACrashSendsTheSameRequestsByHash() throws Exception {
        EvolutionRun first = create(20, Long.MAX_VALUE);
        first.start();
        Map<Long, EvaluationRequest> before = drive(first, 9);
        Set<Long> answered = new HashSet<>();
        for (JournalEntry e : RunJournal.read(dir.resolve("r/journal.jsonl"))) {
            if (e instanceof JournalEntry.ResultReceived r) {
                answered.add(r.result().sequence());
            }
        }
        first.close(); // the crash: what is journaled stays, the run's memory is gone

        List<JournalEntry> history = RunJournal.read(dir.resolve("r/journal.jsonl"));
        sent.clear();
        done.clear();
        done.addAll(answered);
        EvolutionRun restored = new RunLoader(InstantSource.system(), sent::addAll, Runnable::run, Long.MAX_VALUE)
                .restore("r", RunSpecJson.read(SPEC.formatted(4, 20)), RunJournal.open(dir.resolve("r/journal.jsonl")),
                        history);
        restored.resendOutstanding();
        assertThat(sent).isNotEmpty();
        for (EvaluationRequest again : sent) {
            assertThat(answered).doesNotContain(again.sequence());
            assertThat(again).as("request %d after the restart", again.sequence())
                    .isEqualTo(before.get(again.sequence()));
        }
        assertThat(restored.keptWeightBytes()).isEqualTo(first.keptWeightBytes());
        Map<Long, EvaluationRequest> rest = drive(restored, 20);
        assertThat(rest.keySet()).allSatisfy(s -> assertThat(s).isGreaterThan(0));
        assertThat(restored.snapshot().finished()).isTrue();
        assertThat(sent.stream().flatMap(r -> r.inherit().parents().stream())).allMatch(Inherit.Parent::travels);
        assertThat(LayerSource.FRESH.fresh()).isTrue();
    }
}
