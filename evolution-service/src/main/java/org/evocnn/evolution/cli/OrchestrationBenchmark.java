package org.evocnn.evolution.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asynchronous vs synchronous evolution in the paper's setting, over the real broker: the packaged service (embedded
 * broker) and 5 packaged evaluators in simulated mode, whose evaluation time is proportional to the genome's FLOPs;
 * population 20, 5 in flight, the same wall-clock budget for each mode. Prints the evaluations each mode completed,
 * their ratio (the paper saw 140 vs 100) and the evaluators' busy fraction. Run it through
 * {@code scripts/bench-orchestration [SECONDS] [SECONDS_PER_MFLOP]}.
 */
public final class OrchestrationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVALUATORS = 5;

    private OrchestrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 60;
        double secondsPerMflop = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("evocnn-bench");
        List<Process> processes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
        int httpPort = freePort();
        int brokerPort = freePort();
        String base = "http://127.0.0.1:" + httpPort;
        HttpClient http = HttpClient.newHttpClient();

        processes.add(start(work, "service", root.resolve("evolution-service/target/quarkus-app/quarkus-run.jar"),
                "-Dquarkus.profile=local", "-Dquarkus.http.port=" + httpPort,
                "-Devocnn.broker.embedded.port=" + brokerPort,
                "-Devocnn.broker.embedded.data-dir=" + work.resolve("broker"),
                "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort, "-Devocnn.runs-dir=" + work.resolve("runs")));
        await(http, base);
        for (int i = 1; i <= EVALUATORS; i++) {
            processes.add(start(work, "evaluator-" + i, root.resolve("evaluator-service/target/quarkus-app/quarkus-run.jar"),
                    "-Xmx256m", "-Dquarkus.http.port=0", "-Devocnn.evaluator.mode=simulated",
                    "-Devocnn.evaluator.simulation.seconds-per-mflop=" + secondsPerMflop,
                    "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0"));
        }
        Thread.sleep(8_000); // evaluators connect

        System.out.printf(Locale.ROOT, "%d simulated evaluators, %.3f s per forward MFLOP, population 20, %d in flight, "
                + "%d s per mode%n", EVALUATORS, secondsPerMflop, EVALUATORS, budget);
        double[] asyncResult = runMode(http, base, "async", budget);
        double[] syncResult = runMode(http, base, "sync", budget);
        System.out.printf(Locale.ROOT, "async: %.0f evaluations, evaluators busy %.3f of the time%n", asyncResult[0], asyncResult[1] / (EVALUATORS * asyncResult[2]));
        System.out.printf(Locale.ROOT, "sync:  %.0f evaluations, evaluators busy %.3f of the time%n", syncResult[0], syncResult[1] / (EVALUATORS * syncResult[2]));
        System.out.printf(Locale.ROOT, "async / sync: %.2f (paper: 140 / 100 = 1.4; goal >= 1.6, async busy >= 0.98)%n",
                asyncResult[0] / syncResult[0]);
        processes.forEach(Process::destroy);
    }

    /**
     * Runs one mode for the budget. Returns {evaluations completed within the budget, busy seconds of those
     * evaluations, budget seconds}: results still in flight at the deadline arrive later and are not counted.
     */
    private static double[] runMode(HttpClient http, String base, String mode, long budget) throws Exception {
        String body = """
                {"task": {"folds": 2, "epochs": 1},
                 "evolution": {"mode": "%s", "popSize": 20, "minPopSize": 10, "maxInFlight": %d, "seed": 3,
                               "termination": {"maxEvaluations": 0, "timeBudgetSeconds": %d}}}""".formatted(mode, EVALUATORS, budget);
        JsonNode created = send(http, HttpRequest.newBuilder(URI.create(base + "/api/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String runId = created.path("runId").asText();
        int withinBudget = -1;
        JsonNode status;
        do {
            Thread.sleep(250);
            status = send(http, HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId)).build());
            if (withinBudget < 0 && !status.path("state").asText().equals("running")) {
                withinBudget = status.path("evaluations").path("completed").asInt();
            }
        } while (!status.path("state").asText().equals("finished"));
        JsonNode page = send(http, HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId
                + "/evaluations?size=1000")).build());
        double busy = 0;
        int n = 0;
        for (JsonNode e : page.path("evaluations")) {
            if (n++ < withinBudget) {
                busy += e.path("wallSeconds").asDouble();
            }
        }
        return new double[] {withinBudget, busy, budget};
    }

    private static JsonNode send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void await(HttpClient http, String base) throws Exception {
        for (int i = 0; i < 200; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("service not ready");
    }

    private static Process start(Path work, String name, Path jar, String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
