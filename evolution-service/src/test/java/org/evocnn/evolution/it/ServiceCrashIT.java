package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.run.JournalReplay;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes with real processes: the packaged service (embedded persistent broker) and packaged evaluators in
 * simulated mode. kill -9 of an evaluator mid-evaluation: its request goes back to the queue and another evaluator
 * answers it. kill -9 of the service mid-run: after a restart the run continues from its journal and completes, and
 * the population is the one the engine holds for exactly the journaled results. Either way every dispatched
 * evaluation has exactly one journaled result.
 */
class ServiceCrashIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Cluster cluster;

    @BeforeEach
    void cluster() throws IOException {
        cluster = new Cluster(work);
    }

    @AfterEach
    void killAll() {
        cluster.close();
    }

    @Test
    void aRequestOfAKilledEvaluatorIsRedeliveredToAnother() throws Exception {
        cluster.startService();
        Process first = cluster.startEvaluator("evaluator-1", 0.1);
        cluster.startEvaluator("evaluator-2", 0.1);
        String runId = cluster.createRun("""
                {"evolution": {"popSize": 8, "minPopSize": 4, "maxInFlight": 2, "seed": 6,
                               "termination": {"maxEvaluations": 24}}}""");
        JsonNode atKill = cluster.awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 6);

        first.destroyForcibly().waitFor(); // kill -9: a request it holds in its open transaction goes back
        assertThat(atKill.path("evaluations").path("inFlight").asInt()).isPositive();

        JsonNode finished = cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(24);
        assertThat(finished.path("evaluations").path("failed").asInt()).as("redelivered, not dead-lettered").isZero();
        List<JournalEntry> journal = cluster.assertExactlyOnce(runId, 24);
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result().evaluator().host()))
                .as("after the kill only evaluator-2 answers").contains("evaluator-2");
    }

    @Test
    void aRunSurvivesKillDashNineOfTheServiceAndCompletesFromItsJournal() throws Exception {
        Process service = cluster.startService();
        cluster.startEvaluator("evaluator", 0.01);

        String runId = cluster.createRun("""
                {"evolution": {"popSize": 8, "minPopSize": 4, "maxInFlight": 2, "seed": 5,
                               "termination": {"maxEvaluations": 40}}}""");
        cluster.awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 12);

        service.destroyForcibly().waitFor(); // kill -9: no shutdown hook, no flush
        cluster.startService();

        JsonNode finished = cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(40);

        List<JournalEntry> journal = cluster.assertExactlyOnce(runId, 40);
        assertThat(journal.stream().filter(JournalEntry.Started.class::isInstance)).hasSize(1);

        // the population the engine holds for exactly these results, in this order
        JournalEntry.RunCreated created = (JournalEntry.RunCreated) journal.get(0);
        RunSpec spec = RunSpecJson.readJournaled(created.config(), created.formatOrLegacy());
        Evolution expected = Replay.rebuild(spec.evolution(), JournalReplay.events(journal), c -> {
            throw new AssertionError("a finished run submits nothing more");
        }, InstantSource.fixed(Instant.now()), EvolutionListener.NONE);
        List<Long> expectedPopulation = expected.population().stream().map(Individual::sequence).toList();
        List<Long> servicePopulation = new ArrayList<>();
        cluster.service.get("/api/runs/" + runId + "/population").forEach(i -> servicePopulation.add(i.path("sequence").asLong()));
        assertThat(servicePopulation).hasSize(8).containsExactlyElementsOf(expectedPopulation);
        assertThat(Files.readString(cluster.processes.log("evolution-service"))).contains("restored from its journal");
    }
}
