package org.evocnn.evolution.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Candidate;
import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.process.Termination;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunJournalTest {

    @TempDir
    Path dir;

    private static final EvaluationRequest REQUEST = new EvaluationRequest("r", "r-1", EvaluationKind.FITNESS,
            ReferenceNetwork.MNIST_EVOLVED.genome(), TrainingTask.paperFitness("mnist"));

    private static List<JournalEntry> sample() {
        return List.of(
                new JournalEntry.RunCreated(1, "r", JsonNodeFactory.instance.objectNode().put("popSize", 20)),
                new JournalEntry.Started(2),
                new JournalEntry.Dispatched(3, 1, "r-1", REQUEST.genome(), REQUEST.genome().architectureHash(),
                        "random", List.of()),
                new JournalEntry.ResultReceived(4, EvaluationResult.ok(REQUEST,
                        Fitness.ofFolds(List.of(0.1, 0.2), List.of(0.9, 0.8)), 431_659, 2.5, null)),
                new JournalEntry.StateChanged(5, "finished", null));
    }

    @Test
    void unforcedEntriesKeepTheirPlaceBetweenForcedOnes() throws IOException {
        Path file = dir.resolve("run/journal.jsonl");
        List<JournalEntry> entries = sample();
        try (RunJournal journal = RunJournal.open(file)) {
            journal.append(entries.subList(0, 2));
            journal.append(entries.subList(2, 3), false);
            journal.append(entries.subList(3, 5));
        }
        assertThat(RunJournal.read(file)).containsExactlyElementsOf(entries);
    }

    @Test
    void entriesReadBackAsWritten() throws IOException {
        Path file = dir.resolve("run/journal.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            sample().forEach(journal::append);
        }

        assertThat(RunJournal.read(file)).isEqualTo(sample());
        assertThat(Files.readAllLines(file)).hasSize(5).allMatch(line -> line.startsWith("{\"type\":"));
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOffBeforeAppending() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            sample().subList(0, 2).forEach(journal::append);
        }
        Files.writeString(file, "{\"type\":\"started\",\"atMi", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(RunJournal.read(file)).hasSize(2);
        try (RunJournal journal = RunJournal.open(file)) {
            journal.append(sample().get(2));
        }
        assertThat(RunJournal.read(file)).isEqualTo(sample().subList(0, 3));
    }

    @Test
    void aCorruptCompleteLineIsAnErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"type\":\"started\",\"atMillis\":1}\n{\"type\":\"bogus\"}\n");

        assertThatThrownBy(() -> RunJournal.read(file))
                .isInstanceOf(RunJournal.JournalException.class)
                .hasMessageStartingWith(file + ":2: unreadable journal entry: type: unknown");
    }

    /** Evaluations answered in submission order, each with a deterministic loss. */
    private static final class FifoFleet implements org.evocnn.engine.process.EvaluationPort, InstantSource {
        final Deque<Candidate> queue = new ArrayDeque<>();
        final List<Candidate> submitted = new ArrayList<>();
        long now = 1_000;

        @Override
        public void submit(Candidate candidate) {
            queue.add(candidate);
            submitted.add(candidate);
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        EvaluationResult answer(Candidate c) {
            now += 100;
            double loss = 0.05 + (c.offspring().trainableParams() % 997) / 1e4;
            EvaluationRequest request = new EvaluationRequest("r", "r-" + c.sequence(), EvaluationKind.FITNESS,
                    c.genome(), TrainingTask.paperFitness("mnist"));
            return EvaluationResult.ok(request, Fitness.ofFolds(List.of(loss), List.of(0.9)),
                    c.offspring().trainableParams(), 1, null);
        }
    }

    /** What the evolution service will do: write ahead each dispatch, journal each result, then hand it over. */
    private static final class Journaling implements EvolutionListener {
        final RunJournal journal;
        final FifoFleet fleet;

        Journaling(RunJournal journal, FifoFleet fleet) {
            this.journal = journal;
            this.fleet = fleet;
        }

        @Override
        public void submitted(Candidate c) {
            journal.append(new JournalEntry.Dispatched(fleet.now, c.sequence(), "r-" + c.sequence(), c.genome(),
                    c.genome().architectureHash(), c.offspring().origin(), c.offspring().parents()));
        }
    }

    private static void deliver(Evolution run, FifoFleet fleet, RunJournal journal, int results) {
        for (int i = 0; i < results && !fleet.queue.isEmpty(); i++) {
            Candidate c = fleet.queue.poll();
            EvaluationResult result = fleet.answer(c);
            journal.append(new JournalEntry.ResultReceived(fleet.now, result));
            run.accept(JournalReplay.outcome(c.sequence(), result));
        }
    }

    @Test
    void aRunRebuiltFromItsJournalContinuesAsIfUninterrupted() throws IOException {
        EvolutionConfig config = EvolutionConfig.defaults(Termination.afterEvaluations(60), 3).withPopulation(10, 5, 3);

        FifoFleet straightFleet = new FifoFleet();
        Evolution straight;
        try (RunJournal journal = RunJournal.open(dir.resolve("straight.jsonl"))) {
            straight = Evolution.create(config, straightFleet, straightFleet, new Journaling(journal, straightFleet));
            journal.append(new JournalEntry.Started(straightFleet.now));
            straight.start();
            deliver(straight, straightFleet, journal, 1_000);
        }

        FifoFleet fleet = new FifoFleet();
        Path file = dir.resolve("crashed.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            Evolution crashed = Evolution.create(config, fleet, fleet, new Journaling(journal, fleet));
            journal.append(new JournalEntry.Started(fleet.now));
            crashed.start();
            deliver(crashed, fleet, journal, 23);
        }
        // restart: the engine is rebuilt from the journal; requests still queued are answered later
        Evolution rebuilt;
        try (RunJournal journal = RunJournal.open(file)) {
            List<Replay.Event> history = JournalReplay.events(RunJournal.read(file));
            rebuilt = Replay.rebuild(config, history, fleet, fleet, new Journaling(journal, fleet));
            deliver(rebuilt, fleet, journal, 1_000);
        }

        assertThat(fleet.submitted).isEqualTo(straightFleet.submitted);
        assertThat(rebuilt.population()).extracting(Individual::sequence)
                .containsExactlyElementsOf(straight.population().stream().map(Individual::sequence).toList());
        assertThat(rebuilt.stats()).isEqualTo(straight.stats());
        List<JournalEntry> journal = RunJournal.read(file);
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)).hasSize(60);
        assertThat(journal.stream().filter(JournalEntry.Dispatched.class::isInstance)).hasSize(60);
    }

    @Test
    void outcomesKeepStatusAndFitness() {
        EvaluationResult invalid = EvaluationResult.invalid(REQUEST, "too big", 9L, null);
        EvaluationOutcome outcome = JournalReplay.outcome(4, invalid);
        assertThat(outcome.sequence()).isEqualTo(4);
        assertThat(outcome.error()).isEqualTo("too big");
        assertThat(JournalReplay.outcome(1, (EvaluationResult) ((JournalEntry.ResultReceived) sample().get(3)).result()).loss())
                .isCloseTo(0.15, org.assertj.core.api.Assertions.within(1e-12));
    }
}
