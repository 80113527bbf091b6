package org.evocnn.evolution.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.engine.population.Individual;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Journals written before the journal had its own records (format 1, wire schema 1; src/test/resources/journals/v1)
 * still load: each replays to the run the service of that day reported, and its final trainings come back.
 */
class JournalCompatibilityTest {

    @TempDir
    Path dir;

    private final List<EvaluationRequest> sent = new ArrayList<>();

    private EvolutionRun restore(String runId) throws IOException {
        Path file = dir.resolve(runId).resolve("journal.jsonl");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try (InputStream in = resource(runId + "/journal.jsonl")) {
                Files.copy(in, file);
            }
        }
        List<JournalEntry> history = RunJournal.read(file);
        var created = (JournalEntry.RunCreated) history.get(0);
        var spec = RunSpecJson.readJournaled(created.config(), created.formatOrLegacy());
        return new RunLoader(InstantSource.system(), sent::addAll, Runnable::run).restore(runId, spec,
                RunJournal.open(file), history);
    }

    private static InputStream resource(String path) {
        InputStream in = JournalCompatibilityTest.class.getResourceAsStream("/journals/v1/" + path);
        assertThat(in).as(path).isNotNull();
        return in;
    }

    private static JsonNode expected(String path) throws IOException {
        try (InputStream in = resource(path)) {
            return ModelJson.mapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-20261129-083808-6fa8", "run-20261129-083821-aec7", "run-20261129-083849-2449"})
    void aFormatOneJournalReplaysToTheRunThatWroteIt(String runId) throws IOException {
        JsonNode status = expected(runId + "/status.json");
        JsonNode population = expected(runId + "/population.json");

        try (EvolutionRun run = restore(runId)) {
            RunSnapshot s = run.snapshot();
            JsonNode counts = status.path("evaluations");
            assertThat(s.state().name().toLowerCase()).isEqualTo(status.path("state").asText());
            assertThat(s.terminationReason().orElseThrow().name().toLowerCase())
                    .isEqualTo(status.path("terminationReason").asText());
            assertThat(List.of(s.stats().submitted(), s.stats().completed(), s.stats().ok(), s.stats().invalid(),
                    s.stats().failed(), s.stats().ignored(), s.stats().redrawn(), (long) s.stats().inFlight(),
                    (long) s.stats().populationSize()))
                    .containsExactly(counts.path("submitted").asLong(), counts.path("completed").asLong(),
                            counts.path("ok").asLong(), counts.path("invalid").asLong(), counts.path("failed").asLong(),
                            counts.path("ignored").asLong(), counts.path("redrawn").asLong(),
                            counts.path("inFlight").asLong(), counts.path("populationSize").asLong());
            assertThat(s.best().orElseThrow().sequence()).isEqualTo(status.path("best").path("sequence").asLong());
            assertThat(s.best().orElseThrow().genome().architectureHash())
                    .isEqualTo(status.path("best").path("architectureHash").asText());
            List<Long> expectedPopulation = new ArrayList<>();
            population.forEach(i -> expectedPopulation.add(i.path("sequence").asLong()));
            assertThat(s.population()).extracting(Individual::sequence).containsExactlyElementsOf(expectedPopulation);
            assertThat(run.evaluations().size()).isEqualTo(counts.path("completed").asInt());
            assertThat(sent).as("a finished run sends nothing").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"final1", "final2"})
    void itsFinalTrainingsComeBackWithTheirResults(String name) throws IOException {
        String runId = "run-20261129-083808-6fa8";
        JsonNode expected = expected(runId + "/" + name + ".json");

        try (EvolutionRun run = restore(runId)) {
            FinalTraining training = run.finals().get(runId + "-" + name).orElseThrow();
            assertThat(training.label()).isEqualTo(expected.path("label").asText());
            assertThat(training.repeats()).isEqualTo(expected.path("repeats").asInt());
            assertThat(training.done()).isTrue();
            assertThat(training.results()).hasSize(expected.path("results").size());
            assertThat(training.testAccuracy().avg())
                    .isCloseTo(expected.path("testAccuracy").path("avg").asDouble(), within(1e-12));
            assertThat(training.testAccuracy().min())
                    .isCloseTo(expected.path("testAccuracy").path("min").asDouble(), within(1e-12));
            assertThat(training.genome()).isEqualTo(ModelJson.readGenome(expected.path("genome").toString()));
        }
    }

    @org.junit.jupiter.api.Test
    void aNewFinalTrainingOfAnOldRunTakesTheNextFreeNumber() throws IOException {
        String runId = "run-20261129-083808-6fa8";
        try (EvolutionRun run = restore(runId)) {
            FinalTraining training = run.finals().start("baseline", ReferenceNetwork.MNIST_BASELINE.genome(), 2, 1);

            assertThat(training.id()).isEqualTo(runId + "-final3");
            assertThat(sent).extracting(r -> r.id().text())
                    .containsExactly(runId + "-final3-1", runId + "-final3-2");
            assertThat(sent).allMatch(r -> r.kind() == EvaluationKind.FINAL && r.sequence() == 3);
            assertThat(sent).extracting(r -> r.task().seed()).containsExactly(1L, 2L);
        }
        try (EvolutionRun again = restore(runId)) {
            assertThat(again.finals().all()).extracting(FinalTraining::id).contains(runId + "-final3");
        }
    }
}
