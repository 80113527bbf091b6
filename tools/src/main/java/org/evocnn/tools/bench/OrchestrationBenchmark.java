package org.evocnn.tools.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
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
@Command(name = "bench-orchestration", mixinStandardHelpOptions = true,
        description = "Asynchronous against synchronous evolution over the real broker with simulated evaluators.")
public final class OrchestrationBenchmark implements Callable<Integer> {

    private static final int EVALUATORS = 5;

    private OrchestrationBenchmark() {
    }

    record Outcome(int evaluations, double busySeconds, long budgetSeconds, double bestLoss) {
        double busyFraction() {
            return busySeconds / (EVALUATORS * budgetSeconds);
        }

        double meanSeconds() {
            return busySeconds / evaluations;
        }
    }

    @Parameters(index = "0", arity = "0..1", defaultValue = "60", description = "seconds per mode (default 60)")
    long budget;
    @Parameters(index = "1", arity = "0..1", defaultValue = "0.05",
            description = "simulated seconds per MFLOP (default 0.05)")
    double secondsPerMflop;
    // one request waiting in the queue hides the dispatch latency from the evaluators
    @Parameters(index = "2", arity = "0..1", defaultValue = "" + (EVALUATORS + 1),
            description = "evaluations in flight (default: evaluators + 1)")
    int inFlight;
    @Parameters(index = "3", arity = "0..1", defaultValue = "architecture",
            description = "simulated fitness: architecture or noise (default architecture)")
    String fitness;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OrchestrationBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LocalProcesses.Benchmarked started = LocalProcesses.startForBenchmark("evocnn-bench");
        LocalProcesses processes = started.processes();
        ServiceClient service = started.service();
        int brokerPort = started.brokerPort();
        Path root = started.root();
        for (int i = 1; i <= EVALUATORS; i++) {
            processes.start("evaluator-" + i, LocalProcesses.evaluatorJar(root), List.of(
                    "-Xmx256m", "-Dquarkus.http.port=0", "-Devocnn.evaluator.mode=simulated",
                    "-Devocnn.evaluator.simulation.seconds-per-mflop=" + secondsPerMflop,
                    "-Devocnn.evaluator.simulation.fitness=" + fitness,
                    "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0"),
                    Map.of("HOSTNAME", "evaluator-" + i));
        }
        Thread.sleep(8_000); // evaluators connect
        // a short run first: an evaluator's first request costs it a second or two of class loading and JIT
        String warmup = service.post("/api/runs", """
                {"evolution": {"popSize": 10, "minPopSize": 5, "maxInFlight": 10, "seed": 1,
                               "termination": {"maxEvaluations": 30}}}""").path("runId").asText();
        while (!service.get("/api/runs/" + warmup).path("state").asText().equals("finished")) {
            Thread.sleep(250);
        }

        System.out.printf(Locale.ROOT, "%d simulated evaluators, %.3f s per forward MFLOP, fitness from %s, population 20, "
                + "%d in flight, %d s per mode%n", EVALUATORS, secondsPerMflop, fitness, inFlight, budget);
        Outcome async = runMode(service, "async", budget, inFlight);
        Outcome sync = runMode(service, "sync", budget, inFlight);
        for (var mode : List.of(List.of("async", async), List.of("sync ", sync))) {
            Outcome o = (Outcome) mode.get(1);
            System.out.printf(Locale.ROOT, "%s: %d evaluations, evaluators busy %.3f of the time, %.2f busy s per "
                    + "evaluation, best loss %.4f%n", mode.get(0), o.evaluations(), o.busyFraction(), o.meanSeconds(),
                    o.bestLoss());
        }
        System.out.printf(Locale.ROOT, "async / sync: %.2f evaluations, %.2f evaluator-seconds "
                        + "(paper: 140 / 100 = 1.4; goal >= 1.6, async busy >= 0.98)%n",
                (double) async.evaluations() / sync.evaluations(), async.busySeconds() / sync.busySeconds());
        processes.close();
        return 0;
    }

    /**
     * Runs one mode for the budget and reads its evaluations over REST. Evaluations: results that arrived within the budget.
     * Busy: the evaluators' evaluation seconds that fall inside the budget's window, counting the part of an
     * evaluation still running at the deadline (each result says how long it took, ending when it arrived).
     */
    private static Outcome runMode(ServiceClient service, String mode, long budget, int inFlight)
            throws Exception {
        String body = """
                {"task": {"folds": 2, "epochs": 1},
                 "evolution": {"mode": "%s", "popSize": 20, "minPopSize": 10, "maxInFlight": %d, "seed": 3,
                               "termination": {"maxEvaluations": 0, "timeBudgetSeconds": %d}}}"""
                .formatted(mode, inFlight, budget);
        String runId = service.post("/api/runs", body).path("runId").asText();
        while (!service.get("/api/runs/" + runId).path("state").asText().equals("finished")) {
            Thread.sleep(250);
        }
        long from = service.get("/api/runs/" + runId).path("startedAtMillis").asLong();
        long to = from + budget * 1000;
        int evaluations = 0;
        double busy = 0;
        double best = Double.NaN;
        for (JsonNode e : service.evaluations(runId)) {
            long end = e.path("receivedAtMillis").asLong();
            long start = end - Math.round(e.path("wallSeconds").asDouble() * 1000);
            if (end <= to) {
                evaluations++;
                double loss = e.path("fitness").path("loss").asDouble(Double.NaN);
                if ("ok".equals(e.path("status").asText()) && !(loss >= best)) {
                    best = loss;
                }
            }
            busy += Math.max(0, Math.min(end, to) - Math.max(start, from)) / 1000.0;
        }
        return new Outcome(evaluations, busy, budget, best);
    }
}
