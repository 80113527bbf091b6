package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import org.evocnn.model.genome.ReferenceNetwork;

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

/**
 * Search strategies against each other on the real DL4J evaluator: every strategy gets the same task, the same
 * evaluators and the same budget in evaluator-seconds (the results' wall seconds summed), over several seeds. Prints
 * and writes (CSV, SVG) the best cross-validation loss against evaluator-seconds, then trains each run's chosen
 * network and the paper's baseline on the whole training set and reports their test accuracy and parameters. Run
 * it through {@code scripts/bench-search} (options: {@code --help}).
 */
public final class SearchBenchmark {

    /** The strategies, each what it adds to the shared evolution settings (a function of the options). */
    static final String SEARCHES = "searches.csv";

    static final List<String> STRATEGIES = List.of("async", "random", "regularized", "penalised", "pareto", "hyper",
            "random-hyper", "halving", "halving-adjusted", "median", "screening", "cheap");

    static String settings(String strategy, Options o) {
        // successive halving: a ninth and a third of the task's images below it, promoting the top third
        String halving = "\"fidelity\": {\"eta\": 3, \"rungs\": [{\"trainingSubset\": %d}, {\"trainingSubset\": %d}]}"
                .formatted(Math.max(o.folds() * 10, o.subset() / 9), Math.max(o.folds() * 10, o.subset() / 3));
        String median = "\"earlyStopping\": {\"rule\": \"median\", \"minResults\": 5}";
        String screening = "\"screening\": {\"candidates\": 8, \"minResults\": 20, \"refitEvery\": 10}";
        return switch (strategy) {
            case "async" -> "\"mode\": \"async\"";
            case "random" -> "\"mode\": \"random\"";
            case "regularized" -> "\"mode\": \"regularized\"";
            case "penalised" -> "\"mode\": \"async\", \"objective\": \"penalised-loss\", \"fitnessCache\": true";
            case "pareto" -> "\"mode\": \"async\", \"objective\": \"pareto\", \"fitnessCache\": true";
            case "hyper" -> "\"mode\": \"async\", \"objective\": \"penalised-loss\", \"fitnessCache\": true, "
                    + "\"searchSpace\": {\"evolveTraining\": true}";
            // the control of "hyper": random search over the same space, training genes included
            case "random-hyper" -> "\"mode\": \"random\", \"fitnessCache\": true, "
                    + "\"searchSpace\": {\"evolveTraining\": true}";
            case "halving" -> "\"mode\": \"async\", " + halving;
            case "halving-adjusted" -> "\"mode\": \"async\", "
                    + halving.substring(0, halving.length() - 1) + ", \"selection\": \"adjusted\"}";
            case "median" -> "\"mode\": \"async\", " + median;
            case "screening" -> "\"mode\": \"async\", " + screening;
            case "cheap" -> "\"mode\": \"async\", \"fitnessCache\": true, " + halving + ", " + median + ", " + screening;
            default -> throw new IllegalArgumentException("unknown strategy " + strategy);
        };
    }

    static final String USAGE = """
            usage: scripts/bench-search [--dataset fashion-mnist] [--seeds 1,2,3] [--budget SECONDS]
                                        [--strategies async,random,...] [--subset N] [--folds K]
                                        [--epochs E] [--final-epochs E] [--evaluators N] [--data DIR] [--out DIR]
              --budget      evaluator-seconds per strategy and seed (default 900)
              --strategies  of %s (default: the first six; async is
                            the reference of "compute to match", random the control)
              --out DIR     where the runs go (searches.csv lists them: started again with the
                            same --out, the benchmark reuses its finished runs)
              the task: --subset training images (default 2000), --folds (2), --epochs (1) per evaluation
              final training of each run's chosen network and the baseline: --final-epochs on the whole set (1)
            """.formatted(String.join(", ", STRATEGIES));

    record Options(String dataset, List<Long> seeds, double budget, List<String> strategies, int subset, int folds,
                   int epochs, int finalEpochs, int evaluators, Path data, Path out, Path root) {
    }

    /**
     * One finished run: its strategy and seed, evaluations in arrival order, the final training's outcome, and the
     * rung of the task's own fidelity (0 without successive halving; only its results are the run's fitness).
     */
    record Result(String strategy, long seed, String runId, List<JsonNode> evaluations, JsonNode status,
                  JsonNode chosen, JsonNode finalTraining, int topRung) {
    }

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Files.createDirectories(o.out());
        LocalProcesses processes = new LocalProcesses(o.out());
        Runtime.getRuntime().addShutdownHook(new Thread(processes::close));
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
        JsonNode status = service.awaitFinished(runId, Duration.ofSeconds(5));
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
        String body = """
                {"task": {"dataset": "%s", "folds": %d, "epochs": %d, "batchSize": 64, "trainingSubset": %d, "seed": %d},
                 "evolution": {%s, "popSize": 20, "minPopSize": 10, "maxInFlight": %d, "seed": %d,
                               "termination": {"maxEvaluations": 0, "maxEvaluatorSeconds": %s}}}"""
                .formatted(o.dataset(), o.folds(), o.epochs(), o.subset(), seed, settings(strategy, o),
                        o.evaluators() + 1, seed, Double.toString(o.budget()));
        return service.post("/api/runs", body).path("runId").asText();
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
        return new Result(r.strategy(), r.seed(), r.runId(), r.evaluations(), r.status(), chosen, done, r.topRung());
    }

    static Options parse(String[] args) {
        Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.print("bench-search: bad argument " + args[i] + "\n" + USAGE);
                System.exit(2);
            }
            given.put(args[i].substring(2), args[++i]);
        }
        List<String> strategies = List.of(given.getOrDefault("strategies",
                "async,random,regularized,penalised,pareto,hyper").split(","));
        for (String s : strategies) {
            if (!STRATEGIES.contains(s)) {
                System.err.print("bench-search: unknown strategy " + s + "\n" + USAGE);
                System.exit(2);
            }
        }
        return new Options(given.getOrDefault("dataset", "fashion-mnist"),
                java.util.Arrays.stream(given.getOrDefault("seeds", "1,2,3").split(",")).map(Long::parseLong).toList(),
                Double.parseDouble(given.getOrDefault("budget", "900")), strategies,
                Integer.parseInt(given.getOrDefault("subset", "2000")),
                Integer.parseInt(given.getOrDefault("folds", "2")), Integer.parseInt(given.getOrDefault("epochs", "1")),
                Integer.parseInt(given.getOrDefault("final-epochs", "1")),
                Integer.parseInt(given.getOrDefault("evaluators", "1")),
                Path.of(given.getOrDefault("data", root.resolve("data").toString())).toAbsolutePath(),
                Path.of(given.getOrDefault("out", root.resolve("runs").resolve("bench-search-"
                        + System.currentTimeMillis()).toString())).toAbsolutePath(), root);
    }
}
