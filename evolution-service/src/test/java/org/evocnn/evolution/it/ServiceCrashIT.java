package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.JournalReplay;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.evolution.run.RunSpec;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crashes with real processes: the packaged service (embedded persistent broker) and packaged evaluators in
 * simulated mode. kill -9 of an evaluator mid-evaluation: its request goes back to the queue and another evaluator
 * answers it. kill -9 of the service mid-run: after a restart the run continues from its journal and completes, and
 * the population is the one the engine holds for exactly the journaled results. Either way every dispatched
 * evaluation has exactly one journaled result.
 */
class ServiceCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SERVICE = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path EVALUATOR = Path.of("../evaluator-service/target/quarkus-app/quarkus-run.jar");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int httpPort;
    private int brokerPort;

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(String name, Path jar, String... properties) throws IOException {
        return start(name, Map.of(), jar, properties);
    }

    private Process start(String name, Map<String, String> env, Path jar, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".log").toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private Process startService() throws Exception {
        Process p = start("service", SERVICE, "-Dquarkus.profile=local", "-Dquarkus.http.port=" + httpPort,
                "-Devocnn.broker.embedded.port=" + brokerPort,
                "-Devocnn.broker.embedded.data-dir=" + work.resolve("broker"),
                "-Devocnn.broker.embedded.redelivery-delay-ms=100",
                "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort,
                "-Devocnn.runs-dir=" + work.resolve("runs"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("service did not become ready; see " + work.resolve("service.log"));
    }

    private String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json");
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    private JsonNode awaitStatus(String runId, Function<JsonNode, Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = call("GET", "/api/runs/" + runId, null);
            if (condition.apply(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not get there; see " + work);
    }

    private void ports() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            httpPort = a.getLocalPort();
            brokerPort = b.getLocalPort();
        }
    }

    private Process startEvaluator(String name, double secondsPerMflop) throws IOException {
        return start(name, Map.of("HOSTNAME", name), EVALUATOR, "-Dquarkus.http.port=0",
                "-Devocnn.evaluator.mode=simulated",
                "-Devocnn.evaluator.simulation.seconds-per-mflop=" + secondsPerMflop,
                "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0");
    }

    /** Every dispatched evaluation has exactly one journaled result; returns the journal. */
    private List<JournalEntry> assertExactlyOnce(String runId, int evaluations) throws IOException {
        List<JournalEntry> journal = RunJournal.read(work.resolve("runs").resolve(runId).resolve("journal.jsonl"));
        List<String> dispatched = journal.stream().filter(JournalEntry.Dispatched.class::isInstance)
                .map(e -> ((JournalEntry.Dispatched) e).evaluationId()).toList();
        Map<String, Long> resultsPerId = journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .collect(Collectors.groupingBy(e -> ((JournalEntry.ResultReceived) e).result().evaluationId(),
                        Collectors.counting()));
        assertThat(dispatched).hasSize(evaluations).doesNotHaveDuplicates();
        assertThat(resultsPerId.keySet()).containsExactlyInAnyOrderElementsOf(dispatched);
        assertThat(resultsPerId.values()).containsOnly(1L);
        return journal;
    }

    @Test
    void aRequestOfAKilledEvaluatorIsRedeliveredToAnother() throws Exception {
        ports();
        startService();
        Process first = startEvaluator("evaluator-1", 0.1);
        startEvaluator("evaluator-2", 0.1);
        String runId = call("POST", "/api/runs", """
                {"evolution": {"popSize": 8, "minPopSize": 4, "maxInFlight": 2, "seed": 6,
                               "termination": {"maxEvaluations": 24}}}""").path("runId").asText();
        JsonNode atKill = awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 6);

        first.destroyForcibly().waitFor(); // kill -9: a request it holds in its open transaction goes back
        assertThat(atKill.path("evaluations").path("inFlight").asInt()).isPositive();

        JsonNode finished = awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(24);
        assertThat(finished.path("evaluations").path("failed").asInt()).as("redelivered, not dead-lettered").isZero();
        List<JournalEntry> journal = assertExactlyOnce(runId, 24);
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result().evaluator().host()))
                .as("after the kill only evaluator-2 answers").contains("evaluator-2");
    }

    @Test
    void aRunSurvivesKillDashNineOfTheServiceAndCompletesFromItsJournal() throws Exception {
        ports();
        Process service = startService();
        startEvaluator("evaluator", 0.01);

        String runId = call("POST", "/api/runs", """
                {"evolution": {"popSize": 8, "minPopSize": 4, "maxInFlight": 2, "seed": 5,
                               "termination": {"maxEvaluations": 40}}}""").path("runId").asText();
        awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 12);

        service.destroyForcibly().waitFor(); // kill -9: no shutdown hook, no flush
        startService();

        JsonNode finished = awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(40);

        List<JournalEntry> journal = assertExactlyOnce(runId, 40);
        assertThat(journal.stream().filter(JournalEntry.Started.class::isInstance)).hasSize(1);

        // the population the engine holds for exactly these results, in this order
        RunSpec spec = ModelJson.mapper().treeToValue(((JournalEntry.RunCreated) journal.get(0)).config(), RunSpec.class);
        Evolution expected = Replay.rebuild(spec.evolution(), JournalReplay.events(journal), c -> {
            throw new AssertionError("a finished run submits nothing more");
        }, InstantSource.fixed(Instant.now()), EvolutionListener.NONE);
        List<Long> expectedPopulation = expected.population().stream().map(Individual::sequence).toList();
        List<Long> servicePopulation = new ArrayList<>();
        call("GET", "/api/runs/" + runId + "/population", null).forEach(i -> servicePopulation.add(i.path("sequence").asLong()));
        assertThat(servicePopulation).hasSize(8).containsExactlyElementsOf(expectedPopulation);
        assertThat(Files.readString(work.resolve("service.log"))).contains("restored from its journal");
    }
}
