package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged service and simulated evaluators as real processes, for the crash tests. */
final class Cluster implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    final LocalProcesses processes;
    final int httpPort;
    final int brokerPort;
    final ServiceClient service;

    Cluster(Path work) throws IOException {
        processes = new LocalProcesses(work);
        httpPort = LocalProcesses.freePort();
        brokerPort = LocalProcesses.freePort();
        service = ServiceClient.local(httpPort);
    }

    /** The service with its embedded broker (the local profile). */
    Process startService() throws Exception {
        Process p = processes.startLocalService(ROOT, httpPort, brokerPort,
                "-Devocnn.broker.embedded.redelivery-delay-ms=100");
        service.awaitReady(Duration.ofSeconds(60));
        return p;
    }

    /**
     * The service in the prod profile, as deployed: it reads its API users (one operator here) from security/ under
     * its working directory, and this cluster's client logs in as that operator.
     */
    Process startProdService(String name, Map<String, String> env) throws Exception {
        Path home = processes.work().resolve(name + "-home");
        java.nio.file.Files.createDirectories(home.resolve("security"));
        java.nio.file.Files.writeString(home.resolve("security/users.properties"), "ops=ops-secret\n");
        java.nio.file.Files.writeString(home.resolve("security/roles.properties"), "ops=operator\n");
        service.login("ops", "ops-secret");
        List<String> args = List.of("-Dquarkus.profile=prod", "-Dquarkus.http.port=" + httpPort,
                "-Devocnn.runs-dir=" + processes.work().resolve("runs"));
        Process p = processes.start(name, LocalProcesses.serviceJar(ROOT), args, env, home);
        service.awaitReady(Duration.ofSeconds(60));
        return p;
    }

    Process startEvaluator(String name, double secondsPerMflop) throws IOException {
        return startEvaluator(name, secondsPerMflop, "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0", Map.of());
    }

    /** A simulated evaluator with its Artemis URL and extra environment. */
    Process startEvaluator(String name, double secondsPerMflop, String artemisUrl, Map<String, String> env)
            throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HOSTNAME", name);
        return processes.start(name, LocalProcesses.evaluatorJar(ROOT), List.of("-Dquarkus.http.port=0",
                "-Devocnn.evaluator.mode=simulated",
                "-Devocnn.evaluator.simulation.seconds-per-mflop=" + secondsPerMflop,
                "-Dquarkus.artemis.url=" + artemisUrl), all);
    }

    /** A DL4J evaluator on the committed MNIST fixture (600 training, 200 test images). */
    Process startDl4jEvaluator(String name) throws IOException {
        return processes.start(name, LocalProcesses.evaluatorJar(ROOT), List.of("-Dquarkus.http.port=0",
                "-Xmx1g", "-Devocnn.evaluator.mode=dl4j",
                "-Devocnn.evaluator.data-dir=" + ROOT.resolve("training/src/test/resources/fixture"),
                "-Devocnn.evaluator.datasets=mnist",
                "-Devocnn.evaluator.models-dir=" + processes.work().resolve(name + "-models"),
                "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0"),
                Map.of("HOSTNAME", name));
    }

    String createRun(String body) throws Exception {
        return service.post("/api/runs", body).path("runId").asText();
    }

    JsonNode awaitStatus(String runId, Predicate<JsonNode> condition) throws Exception {
        return awaitStatus(runId, condition, 120);
    }

    JsonNode awaitStatus(String runId, Predicate<JsonNode> condition, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            status = service.get("/api/runs/" + runId);
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not get there in " + seconds + " s; last status "
                + status + "; see " + processes.work());
    }

    /** Every dispatched evaluation has exactly one journaled result; returns the journal. */
    List<JournalEntry> assertExactlyOnce(String runId, int evaluations) throws IOException {
        List<JournalEntry> journal = RunJournal.read(processes.work().resolve("runs").resolve(runId)
                .resolve("journal.jsonl"));
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

    @Override
    public void close() {
        processes.close();
    }
}
