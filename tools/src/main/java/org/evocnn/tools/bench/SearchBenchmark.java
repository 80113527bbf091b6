package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.spec.PartialSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Search strategies against each other on the real DL4J evaluator: every strategy gets the same task, the same
 * evaluators and the same budget in evaluator-seconds (the results' wall seconds summed), over several seeds. Prints
 * and writes (CSV, SVG) the best cross-validation loss against evaluator-seconds, then trains each run's chosen
 * network and the paper's baseline on the whole training set and reports their test accuracy and parameters. Run
 * it through {@code scripts/bench-search} (options: {@code --help}).
 */
public final class SearchBenchmark {

    static final String SEARCHES = "searches.csv";

    record Options(String dataset, List<Long> seeds, double budget, List<String> strategies, int subset, int folds,
                   int epochs, int finalEpochs, int evaluators, Path data, Path out, Path root, Path populations) {
    }

    /**
     * One finished run: its strategy and seed, evaluations in arrival order, the final training's outcome, and the
     * rung of the task's own fidelity (0 without successive halving; only its results are the run's fitness).
     */
    record Result(String strategy, long seed, String runId, List<JsonNode> evaluations, JsonNode status,
                  JsonNode chosen, JsonNode finalTraining, int topRung, JsonNode inheritedFinal) {

        Result(String strategy, long seed, String runId, List<JsonNode> evaluations, JsonNode status,
               JsonNode chosen, JsonNode finalTraining, int topRung) {
            this(strategy, seed, runId, evaluations, status, chosen, finalTraining, topRung, null);
        }
    }

    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        CommandLine line = new CommandLine(new Command_());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("bench-search: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(line.execute(args));
    }

    static void run(Options o) throws Exception {
        Files.createDirectories(o.out());
        LocalProcesses processes = LocalProcesses.forTool(o.out());
        int httpPort = LocalProcesses.freePort();
        int brokerPort = LocalProcesses.freePort();
        ServiceClient service = ServiceClient.local(httpPort);
        processes.startLocalService(o.root(), httpPort, brokerPort, "-Dquarkus.http.host=127.0.0.1");
        service.awaitReady(Duration.ofSeconds(90));
        processes.startEvaluators(o.root(), brokerPort, o.data(), o.dataset(), o.evaluators());
        System.out.printf(Locale.ROOT, "search benchmark: %s, subset %d, %d folds x %d epoch(s), %.0f evaluator-seconds "
                        + "per run, seeds %s, strategies %s, %d evaluator(s)%n", o.dataset(), o.subset(), o.folds(),
                o.epochs(), o.budget(), o.seeds(), o.strategies(), o.evaluators());

        Map<String, String> searched = searched(o.out());
        List<Result> results = new ArrayList<>();
        for (long seed : o.seeds()) {
            for (String strategy : o.strategies()) {
                results.add(search(service, o, strategy, seed, searched));
            }
        }
        String baseline = o.dataset().equals("mnist") ? ReferenceNetwork.MNIST_BASELINE.id()
                : ReferenceNetwork.FASHION_BASELINE.id();
        List<Result> trained = new ArrayList<>();
        List<JsonNode> baselines = new ArrayList<>();
        for (Result r : results) {
            trained.add(finalTraining(service, o, r, baseline));
        }
        for (long seed : o.seeds()) { // the baseline as the chosen networks are trained: one run of each seed hosts it
            String host = results.stream().filter(r -> r.seed() == seed).findFirst().orElseThrow().runId();
            JsonNode started = service.post("/api/runs/" + host + "/final", "{\"reference\": \"" + baseline
                    + "\", \"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}");
            baselines.add(service.awaitFinal(host, started.path("id").asText()));
        }
        SearchReport.write(o, trained, baselines, System.out);
        processes.close();
    }

    /**
     * The searches already made in this output directory ({@code searches.csv}: strategy, seed, run id), so that an
     * interrupted benchmark started again with the same {@code --out} reuses its finished runs, which the service
     * recovers from their journals, and searches only what is missing.
     */
    static Map<String, String> searched(Path out) throws IOException {
        Map<String, String> runs = new LinkedHashMap<>();
        Path index = out.resolve(SEARCHES);
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index)) {
                String[] f = line.split(",");
                if (f.length == 3 && !f[0].equals("strategy")) {
                    runs.put(f[0] + "," + f[1], f[2]);
                }
            }
        }
        return runs;
    }

    /** One strategy on one seed, until its budget is spent (or the finished run of an earlier start). */
    private static Result search(ServiceClient service, Options o, String strategy, long seed,
                                 Map<String, String> searched) throws Exception {
        String earlier = searched.get(strategy + "," + seed);
        String runId = earlier != null && service.raw("GET", "/api/runs/" + earlier, null).statusCode() == 200
                ? earlier : start(service, o, strategy, seed);
        JsonNode status = PopulationSnapshots.watch(service, runId, strategy, seed, o.populations());
        if (!runId.equals(earlier)) {
            Path index = o.out().resolve(SEARCHES);
            if (!Files.exists(index)) {
                Files.writeString(index, "strategy,seed,runId\n");
            }
            Files.writeString(index, strategy + "," + seed + "," + runId + "\n", StandardOpenOption.APPEND);
        }
        List<JsonNode> evaluations = service.evaluations(runId);
        JsonNode best = service.get("/api/runs/" + runId + "/best");
        int topRung = service.get("/api/runs/" + runId + "/spec").path("evolution").path("fidelity").path("rungs")
                .size();
        JsonNode counts = status.path("evaluations");
        System.out.printf(Locale.ROOT, "%-12s seed %d: %d evaluations (%d from the cache, %d promotions, %d stopped), "
                        + "best loss %.4f, %s%s%n", strategy, seed, counts.path("completed").asLong(),
                counts.path("cacheHits").asLong(), counts.path("promotions").asLong(), counts.path("stopped").asLong(),
                best.path("individual").path("loss").asDouble(), runId, runId.equals(earlier) ? " (earlier)" : "");
        return new Result(strategy, seed, runId, evaluations, status, best, null, topRung);
    }

    private static String start(ServiceClient service, Options o, String strategy, long seed) throws Exception {
        PartialSpec spec = SearchStrategy.spec(SearchStrategy.byLabel(strategy), o, seed);
        return service.post("/api/runs", spec.toString()).path("runId").asText();
    }

    /**
     * Trains a run's chosen network: its best by its own objective; for a Pareto run, the lowest loss among the front
     * members no larger than the baseline (the network a user of the front would take), else its lowest loss.
     */
    private static Result finalTraining(ServiceClient service, Options o, Result r, String baseline) throws Exception {
        JsonNode chosen = r.chosen().path("individual");
        if (r.strategy().equals("pareto")) {
            long limit = service.get("/api/reference-networks/" + baseline).path("trainableParams").asLong();
            for (JsonNode member : r.chosen().path("front")) { // lowest loss first
                if (member.path("trainableParams").asLong() <= limit) {
                    chosen = member;
                    break;
                }
            }
        }
        String body = "{\"genome\": " + chosen.path("genome") + ", \"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}";
        JsonNode started = service.post("/api/runs/" + r.runId() + "/final", body);
        JsonNode done = service.awaitFinal(r.runId(), started.path("id").asText());
        JsonNode inherited = null;
        if (service.get("/api/runs/" + r.runId() + "/spec").path("evolution").path("inheritance").asBoolean()) {
            // the same network trained on from the weights it inherited and trained during the search
            JsonNode from = service.post("/api/runs/" + r.runId() + "/final", "{\"fromEvaluation\": "
                    + chosen.path("sequence").asLong() + ", \"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}");
            inherited = service.awaitFinal(r.runId(), from.path("id").asText());
        }
        return new Result(r.strategy(), r.seed(), r.runId(), r.evaluations(), r.status(), chosen, done, r.topRung(),
                inherited);
    }

    /** The command line: picocli's options, turned into {@link Options}. */
    @Command(name = "bench-search", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Search strategies against each other on real DL4J training at equal evaluator-seconds.")
    static final class Command_ implements Callable<Integer> {
        @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "data set (default ${DEFAULT-VALUE})")
        String dataset;
        @Option(names = "--seeds", defaultValue = "1,2,3", split = ",", description = "seeds (default ${DEFAULT-VALUE})")
        List<Long> seeds;
        @Option(names = "--budget", defaultValue = "900",
                description = "evaluator-seconds per strategy and seed (default ${DEFAULT-VALUE})")
        double budget;
        @Option(names = "--strategies", defaultValue = "async,random,regularized,penalised,pareto,hyper", split = ",",
                description = "of async, random, regularized, penalised, pareto, hyper, random-hyper, halving, "
                        + "halving-adjusted, median, screening, cheap, islands, inherit (default ${DEFAULT-VALUE}); async is the "
                        + "reference of \"compute to match\", random the control")
        List<String> strategies;
        @Option(names = "--subset", defaultValue = "2000",
                description = "training images per evaluation (default ${DEFAULT-VALUE})")
        int subset;
        @Option(names = "--folds", defaultValue = "2", description = "folds per evaluation (default ${DEFAULT-VALUE})")
        int folds;
        @Option(names = "--epochs", defaultValue = "1", description = "epochs per evaluation (default ${DEFAULT-VALUE})")
        int epochs;
        @Option(names = "--final-epochs", defaultValue = "1", description = "epochs of each chosen network's and the "
                + "baseline's final training on the whole set (default ${DEFAULT-VALUE})")
        int finalEpochs;
        @Option(names = "--evaluators", defaultValue = "1",
                description = "evaluator processes (default ${DEFAULT-VALUE})")
        int evaluators;
        @Option(names = "--data", description = "data directory (default ./data)")
        Path data;
        @Option(names = "--out", description = "where the runs go; searches.csv lists them, and a new start with the "
                + "same --out reuses the finished ones (default runs/bench-search-<time>)")
        Path out;
        @Option(names = "--populations", description = "where each search's early and late populations are written "
                + "(default: <out>/populations)")
        Path populations;

        Options options() {
            Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
            strategies.forEach(SearchStrategy::byLabel);
            Path outDir = (out == null ? root.resolve("runs").resolve("bench-search-" + System.currentTimeMillis())
                    : out).toAbsolutePath();
            return new Options(dataset, seeds, budget, strategies, subset, folds, epochs, finalEpochs, evaluators,
                    (data == null ? root.resolve("data") : data).toAbsolutePath(), outDir, root,
                    (populations == null ? outDir.resolve("populations") : populations).toAbsolutePath());
        }

        @Override
        public Integer call() throws Exception {
            run(options());
            return 0;
        }
    }

    static Options parse(String[] args) {
        Command_ command = new Command_();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }
}
