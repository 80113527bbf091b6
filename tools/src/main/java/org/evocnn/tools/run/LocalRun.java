package org.evocnn.tools.run;

import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-command local run: starts the evolution service (with its embedded broker) and local evaluator processes,
 * runs an evolution within a wall-clock budget while printing progress, trains the best genome and the paper's
 * baseline the same way, prints the comparison and writes a report (evaluations.csv, summary.json, fitness.svg)
 * into the run directory. Ctrl-C stops everything it started. Run it through {@code scripts/evocnn-run}.
 */
public final class LocalRun {

    static final String USAGE = """
            usage: scripts/evocnn-run [--dataset mnist|fashion-mnist] [--minutes M] [--evaluators N] [--seed S]
                                      [--data DIR] [--work DIR] [--subset N] [--final-epochs E]
                                      [--objective loss|accuracy|penalised-loss|pareto] [--evolve-training]
                                      [--fitness-cache]
              --dataset       data set to evolve on (default mnist)
              --minutes       total budget, evolution plus final training (default 10)
              --evaluators    local evaluator processes, sharing the cores (default 1)
              --seed          seed of the run (default 1)
              --data          data directory (default ./data)
              --work          where runs, broker data and logs go (default ./runs/local-<time>)
              --subset        training images per fitness evaluation, stratified (default 2000)
              --final-epochs  epochs of the final trainings on the whole training set (default 1)
              --objective     what selection minimises (default loss, the paper's); pareto keeps a front of
                              loss against parameters, written to front.svg
              --evolve-training  evolve optimizer, learning rate and batch size with the architecture
              --fitness-cache    reuse the result of a genome already evaluated in the run
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out = System.out;
    private LocalProcesses processes;
    private ServiceClient service;

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evocnn-run: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        LocalRun run = new LocalRun();
        run.processes = new LocalProcesses(options.work());
        Runtime.getRuntime().addShutdownHook(new Thread(run.processes::close, "stop-children"));
        int status = run.run(options);
        run.processes.close();
        System.exit(status);
    }

    record Options(String dataset, double minutes, int evaluators, long seed, Path data, Path work, int subset,
                   int finalEpochs, Path root, String objective, boolean evolveTraining, boolean fitnessCache) {

        static Options parse(String[] args) {
            String dataset = DatasetCatalog.MNIST.id();
            double minutes = 10;
            int evaluators = 1;
            long seed = 1;
            Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
            Path data = root.resolve("data");
            Path work = null;
            int subset = 2_000;
            int finalEpochs = 1;
            String objective = "loss";
            boolean evolveTraining = false;
            boolean fitnessCache = false;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--dataset" -> dataset = need(value, args[i++]);
                    case "--minutes" -> minutes = Double.parseDouble(need(value, args[i++]));
                    case "--evaluators" -> evaluators = Integer.parseInt(need(value, args[i++]));
                    case "--seed" -> seed = Long.parseLong(need(value, args[i++]));
                    case "--data" -> data = Path.of(need(value, args[i++])).toAbsolutePath();
                    case "--work" -> work = Path.of(need(value, args[i++])).toAbsolutePath();
                    case "--subset" -> subset = Integer.parseInt(need(value, args[i++]));
                    case "--final-epochs" -> finalEpochs = Integer.parseInt(need(value, args[i++]));
                    case "--objective" -> objective = need(value, args[i++]);
                    case "--evolve-training" -> evolveTraining = true;
                    case "--fitness-cache" -> fitnessCache = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (DatasetCatalog.find(dataset).isEmpty()) {
                throw new IllegalArgumentException("--dataset must be one of " + DatasetCatalog.builtIn().stream()
                        .map(DatasetInfo::id).collect(java.util.stream.Collectors.joining(", ")));
            }
            if (minutes < 2 || evaluators < 1 || evaluators > 16 || subset < 100 || finalEpochs < 1) {
                throw new IllegalArgumentException("need --minutes >= 2, --evaluators 1..16, --subset >= 100, "
                        + "--final-epochs >= 1");
            }
            if (!List.of("loss", "accuracy", "penalised-loss", "pareto").contains(objective)) {
                throw new IllegalArgumentException("--objective must be loss, accuracy, penalised-loss or pareto");
            }
            if (work == null) {
                work = root.resolve("runs").resolve("local-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            }
            return new Options(dataset, minutes, evaluators, seed, data, work, subset, finalEpochs, root, objective,
                    evolveTraining, fitnessCache);
        }

        private static String need(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    int run(Options o) throws Exception {
        Files.createDirectories(o.work());
        int httpPort = LocalProcesses.freePort();
        int brokerPort = LocalProcesses.freePort();
        service = ServiceClient.local(httpPort);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("evocnn local run: %s, %.0f minutes, %d evaluator(s) on %d cores, work dir %s%n",
                o.dataset(), o.minutes(), o.evaluators(), cores, o.work());

        processes.startLocalService(o.root(), httpPort, brokerPort, "-Dquarkus.http.host=127.0.0.1");
        service.awaitReady(Duration.ofSeconds(90));
        processes.startEvaluators(o.root(), brokerPort, o.data(), o.dataset(), o.evaluators());

        // evolution gets 70 % of the budget, the two final trainings the rest
        long evolutionSeconds = Math.round(o.minutes() * 60 * 0.7);
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"task": {"dataset": "%s", "folds": 2, "epochs": 1, "batchSize": 64, "trainingSubset": %d, "seed": %d},
                 "evolution": {"popSize": 10, "minPopSize": 5, "maxInFlight": %d, "seed": %d,
                               "objective": "%s", "fitnessCache": %b,
                               "searchSpace": {"maxParams": 2000000, "evolveTraining": %b},
                               "termination": {"maxEvaluations": 100000, "timeBudgetSeconds": %d}}}"""
                .formatted(o.dataset(), o.subset(), o.seed(), o.evaluators() + 1, o.seed(), o.objective(),
                        o.fitnessCache(), o.evolveTraining(), evolutionSeconds));
        JsonNode created = post("/api/runs", spec.toString());
        String runId = created.path("runId").asText();
        out.printf("run %s started (population 10, breeding from 5, %d in flight, %d s of evolution)%n",
                runId, o.evaluators() + 1, evolutionSeconds);

        long started = System.nanoTime();
        JsonNode status = created;
        while (!status.path("state").asText().equals("finished")) {
            Thread.sleep(10_000);
            status = get("/api/runs/" + runId);
            long left = Math.max(0, evolutionSeconds - (System.nanoTime() - started) / 1_000_000_000L);
            JsonNode e = status.path("evaluations");
            JsonNode best = status.path("best");
            out.printf(Locale.ROOT, "[%s] %d evaluations done (%d ok, %d invalid, %d failed, %d from the cache), %d in"
                            + " flight; best %s; %.1f evaluations/min; %d:%02d left%n",
                    clock(started), e.path("completed").asLong(), e.path("ok").asLong(), e.path("invalid").asLong(),
                    e.path("failed").asLong(), e.path("cacheHits").asLong(), e.path("inFlight").asLong(),
                    best.isMissingNode() || best.isNull() ? "none yet" : String.format(Locale.ROOT,
                            "loss %.4f, accuracy %.4f, %,d params", best.path("loss").asDouble(),
                            best.path("accuracy").asDouble(), best.path("trainableParams").asLong()),
                    status.path("evaluationsPerMinute").asDouble(), left / 60, left % 60);
        }
        JsonNode best = get("/api/runs/" + runId + "/best");
        out.println();
        out.println("Best architecture (evaluation " + best.path("individual").path("sequence").asLong() + "):");
        out.print(best.path("layers").asText());
        out.println();
        out.print(best.path("summary").asText());
        if (!best.path("front").isEmpty()) {
            out.printf("%nPareto front (loss against parameters), %d networks:%n", best.path("front").size());
            for (JsonNode m : best.path("front")) {
                out.printf(Locale.ROOT, "  evaluation %-6d loss %.4f  accuracy %.4f  %,12d params%n",
                        m.path("sequence").asLong(), m.path("loss").asDouble(), m.path("accuracy").asDouble(),
                        m.path("trainableParams").asLong());
            }
        }

        out.printf("%nFinal training: whole training set, %d epoch(s), scored on the test set%n", o.finalEpochs());
        String finalBody = "{\"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}";
        JsonNode evolvedFinal = post("/api/runs/" + runId + "/final", finalBody);
        JsonNode baselineFinal = post("/api/runs/" + runId + "/final",
                "{\"reference\": \"" + (o.dataset().equals("mnist") ? "mnist-baseline" : "fashion-baseline")
                        + "\", \"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}");
        evolvedFinal = service.awaitFinal(runId, evolvedFinal.path("id").asText());
        baselineFinal = service.awaitFinal(runId, baselineFinal.path("id").asText());
        out.println();
        out.printf("%-32s %14s %14s %10s%n", "model", "params", "test accuracy", "test loss");
        for (JsonNode f : List.of(evolvedFinal, baselineFinal)) {
            JsonNode result = f.path("results").path(0);
            out.printf(Locale.ROOT, "%-32s %,14d %14s %10s%n", f.path("label").asText(),
                    result.path("trainableParams").asLong(),
                    result.path("status").asText().equals("ok")
                            ? String.format(Locale.ROOT, "%.4f", result.path("fitness").path("accuracy").asDouble())
                            : result.path("status").asText(),
                    result.path("status").asText().equals("ok")
                            ? String.format(Locale.ROOT, "%.4f", result.path("fitness").path("loss").asDouble()) : "");
        }
        Path runDir = o.work().resolve("runs").resolve(runId);
        Report.write(runDir, get("/api/runs/" + runId), best, evolvedFinal, baselineFinal, service.evaluations(runId),
                get("/api/runs/" + runId + "/spec"));
        out.printf("%nReport: %s (evaluations.csv, summary.json, fitness.svg%s); logs in %s%n", runDir,
                best.path("front").isEmpty() ? "" : ", front.svg", o.work());
        return 0;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return service.get(path);
    }

    private JsonNode post(String path, String body) throws IOException, InterruptedException {
        return service.post(path, body);
    }

    private static String clock(long started) {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
