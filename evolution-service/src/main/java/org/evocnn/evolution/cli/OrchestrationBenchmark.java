package org.evocnn.evolution.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asynchronous vs synchronous evolution in the paper's setting, over the real broker: the packaged service (embedded
 * broker) and 5 packaged evaluators in simulated mode, whose evaluation time is proportional to the genome's FLOPs;
 * population 20, the same number of requests in flight and the same wall-clock budget for each mode. Prints the
 * evaluations each mode completed, their ratio (the paper saw 140 vs 100), the evaluators' busy fraction and the mean
 * evaluation time (the two modes breed different genomes). Run it through
 * {@code scripts/bench-orchestration [SECONDS] [SECONDS_PER_MFLOP] [IN_FLIGHT]}.
 */
public final class OrchestrationBenchmark {

    private static final int EVALUATORS = 5;

    private OrchestrationBenchmark() {
    }

    record Outcome(int evaluations, double busySeconds, long budgetSeconds) {
        double busyFraction() {
            return busySeconds / (EVALUATORS * budgetSeconds);
        }

        double meanSeconds() {
            return busySeconds / evaluations;
        }
    }

    public static void main(String[] args) throws Exception {
        long budget = args.length > 0 ? Long.parseLong(args[0]) : 60;
        double secondsPerMflop = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        // one request waiting in the queue hides the dispatch latency from the evaluators
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : EVALUATORS + 1;
        Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
        LocalProcesses processes = new LocalProcesses(Files.createTempDirectory("evocnn-bench"));
        Runtime.getRuntime().addShutdownHook(new Thread(processes::close));
        int httpPort = LocalProcesses.freePort();
        int brokerPort = LocalProcesses.freePort();
        ServiceClient service = ServiceClient.local(httpPort);

        processes.start("service", LocalProcesses.serviceJar(root), List.of(
                "-Dquarkus.profile=local", "-Dquarkus.http.port=" + httpPort,
                "-Devocnn.broker.embedded.port=" + brokerPort,
                "-Devocnn.broker.embedded.data-dir=" + processes.work().resolve("broker"),
                "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort,
                "-Devocnn.runs-dir=" + processes.work().resolve("runs")));
        service.awaitReady(Duration.ofSeconds(90));
        for (int i = 1; i <= EVALUATORS; i++) {
            processes.start("evaluator-" + i, LocalProcesses.evaluatorJar(root), List.of(
                    "-Xmx256m", "-Dquarkus.http.port=0", "-Devocnn.evaluator.mode=simulated",
                    "-Devocnn.evaluator.simulation.seconds-per-mflop=" + secondsPerMflop,
                    "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0"),
                    Map.of("HOSTNAME", "evaluator-" + i));
        }
        Thread.sleep(8_000); // evaluators connect

        System.out.printf(Locale.ROOT, "%d simulated evaluators, %.3f s per forward MFLOP, population 20, %d in flight, "
                + "%d s per mode%n", EVALUATORS, secondsPerMflop, inFlight, budget);
        Outcome async = runMode(service, "async", budget, inFlight);
        Outcome sync = runMode(service, "sync", budget, inFlight);
        for (var mode : List.of(List.of("async", async), List.of("sync ", sync))) {
            Outcome o = (Outcome) mode.get(1);
            System.out.printf(Locale.ROOT, "%s: %d evaluations, evaluators busy %.3f of the time, %.2f s per evaluation%n",
                    mode.get(0), o.evaluations(), o.busyFraction(), o.meanSeconds());
        }
        System.out.printf(Locale.ROOT, "async / sync: %.2f evaluations, %.2f evaluator-seconds "
                        + "(paper: 140 / 100 = 1.4; goal >= 1.6, async busy >= 0.98)%n",
                (double) async.evaluations() / sync.evaluations(), async.busySeconds() / sync.busySeconds());
        processes.close();
    }

    /**
     * Runs one mode for the budget. Counts the evaluations completed within the budget and their busy seconds:
     * results still in flight at the deadline arrive later and are not counted.
     */
    private static Outcome runMode(ServiceClient service, String mode, long budget, int inFlight) throws Exception {
        String body = """
                {"task": {"folds": 2, "epochs": 1},
                 "evolution": {"mode": "%s", "popSize": 20, "minPopSize": 10, "maxInFlight": %d, "seed": 3,
                               "termination": {"maxEvaluations": 0, "timeBudgetSeconds": %d}}}"""
                .formatted(mode, inFlight, budget);
        String runId = service.post("/api/runs", body).path("runId").asText();
        int withinBudget = -1;
        JsonNode status;
        do {
            Thread.sleep(250);
            status = service.get("/api/runs/" + runId);
            if (withinBudget < 0 && !status.path("state").asText().equals("running")) {
                withinBudget = status.path("evaluations").path("completed").asInt();
            }
        } while (!status.path("state").asText().equals("finished"));
        double busy = 0;
        int n = 0;
        for (JsonNode e : service.evaluations(runId)) {
            if (n++ < withinBudget) {
                busy += e.path("wallSeconds").asDouble();
            }
        }
        return new Outcome(withinBudget, busy, budget);
    }
}
