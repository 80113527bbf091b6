package org.evocnn.evolution.run;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Candidate;
import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.EvaluationPort;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.Evolutions;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.process.Termination;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Fitness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A run rebuilt from its journal alone continues exactly as the uninterrupted one. */
class JournalReplayTest {

    @TempDir
    Path dir;

    /** Evaluations answered in submission order, each with a deterministic loss. */
    private static final class FifoFleet implements EvaluationPort, InstantSource {
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
            return EvaluationResult.ok(EvaluationId.fitness("r", c.sequence()),
                    Fitness.ofFolds(List.of(loss), List.of(0.9)), c.offspring().trainableParams(), 1, null);
        }
    }

    /** What the evolution service does: journal each dispatch and each result, then hand the result over. */
    private static final class Journaling implements EvolutionListener {
        final RunJournal journal;
        final FifoFleet fleet;

        Journaling(RunJournal journal, FifoFleet fleet) {
            this.journal = journal;
            this.fleet = fleet;
        }

        @Override
        public void submitted(Candidate c) {
            journal.append(new JournalEntry.Dispatched(fleet.now, c.sequence(),
                    EvaluationId.fitness("r", c.sequence()).text(), c.genome(), c.genome().architectureHash(),
                    c.offspring().origin(), c.offspring().parents()));
        }
    }

    private static void deliver(Evolution run, FifoFleet fleet, RunJournal journal, int results) {
        for (int i = 0; i < results && !fleet.queue.isEmpty(); i++) {
            Candidate c = fleet.queue.poll();
            RecordedResult result = ResultMapping.record(fleet.answer(c));
            journal.append(new JournalEntry.ResultReceived(fleet.now, result));
            run.accept(ResultMapping.outcome(c.sequence(), result));
        }
    }

    @Test
    void aRunRebuiltFromItsJournalContinuesAsIfUninterrupted() throws IOException {
        assertRebuiltContinues(EvolutionConfig.builder().termination(Termination.afterEvaluations(60)).seed(3)
                .population(10, 5).maxInFlight(3).build(), 23);
    }

    @Test
    void aPresetRunAndAnIslandRunReplayFromTheSpecTheirJournalHolds() throws IOException {
        for (String body : List.of("""
                {"preset": "paper", "evolution": {"popSize": 10, "minPopSize": 5, "maxInFlight": 3, "seed": 3,
                 "termination": {"maxEvaluations": 60}}}""", """
                {"preset": "paper", "evolution": {"mode": "islands", "popSize": 5, "minPopSize": 3, "maxInFlight": 4,
                 "islands": {"count": 3, "migrationInterval": 4}, "seed": 8, "termination": {"maxEvaluations": 70}}}""")) {
            org.evocnn.spec.RunSpec spec = org.evocnn.spec.RunSpecJson.read(body);
            Path file = dir.resolve("created.jsonl");
            java.nio.file.Files.deleteIfExists(file);
            try (RunJournal journal = RunJournal.open(file)) {
                journal.append(new JournalEntry.RunCreated(1, "r", org.evocnn.spec.RunSpecJson.write(spec)));
            }
            JournalEntry.RunCreated created = (JournalEntry.RunCreated) RunJournal.read(file).get(0);
            org.evocnn.spec.RunSpec journaled = org.evocnn.spec.RunSpecJson.readJournaled(created.config(),
                    created.formatOrLegacy());
            assertThat(journaled).isEqualTo(spec);
            assertThat(journaled.preset()).isEqualTo("paper");
            assertRebuiltContinues(journaled.evolution(), 29);
        }
    }

    private void assertRebuiltContinues(EvolutionConfig config, int crashAfter) throws IOException {
        FifoFleet straightFleet = new FifoFleet();
        Evolution straight;
        Path straightFile = dir.resolve("straight.jsonl");
        java.nio.file.Files.deleteIfExists(straightFile);
        try (RunJournal journal = RunJournal.open(straightFile)) {
            straight = Evolutions.create(config, straightFleet, straightFleet, new Journaling(journal, straightFleet));
            journal.append(new JournalEntry.Started(straightFleet.now));
            straight.start();
            deliver(straight, straightFleet, journal, 1_000);
        }

        FifoFleet fleet = new FifoFleet();
        Path file = dir.resolve("crashed.jsonl");
        java.nio.file.Files.deleteIfExists(file);
        try (RunJournal journal = RunJournal.open(file)) {
            Evolution crashed = Evolutions.create(config, fleet, fleet, new Journaling(journal, fleet));
            journal.append(new JournalEntry.Started(fleet.now));
            crashed.start();
            deliver(crashed, fleet, journal, crashAfter);
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
        int evaluations = (int) config.termination().maxEvaluations();
        List<JournalEntry> journal = RunJournal.read(file);
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)).hasSize(evaluations);
        assertThat(journal.stream().filter(JournalEntry.Dispatched.class::isInstance)).hasSize(evaluations);
    }

    @Test
    void outcomesKeepStatusAndFitness() {
        RecordedResult invalid = ResultMapping.record(EvaluationResult.invalid(EvaluationId.fitness("r", 4),
                "too big", 9L, null));
        EvaluationOutcome outcome = ResultMapping.outcome(4, invalid);
        assertThat(outcome.sequence()).isEqualTo(4);
        assertThat(outcome.status()).isEqualTo(EvaluationOutcome.Status.INVALID);
        assertThat(outcome.error()).isEqualTo("too big");
        RecordedResult ok = ResultMapping.record(EvaluationResult.ok(EvaluationId.fitness("r", 1),
                Fitness.ofFolds(List.of(0.1, 0.2), List.of(0.9, 0.8)), 431_659, 2.5, null));
        assertThat(ok.sequence()).isEqualTo(1L);
        assertThat(ok.repeat()).isNull();
        assertThat(ResultMapping.outcome(1, ok).loss()).isCloseTo(0.15, within(1e-12));
        assertThat(ResultMapping.outcome(1, ok).trainableParams()).isEqualTo(431_659);
    }
}
