package org.evocnn.tools.run;

import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.json.DatasetManifests;
import org.evocnn.tools.data.ImageImport;

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
            usage: scripts/evocnn-run [--dataset ID] [--minutes M] [--evaluators N] [--seed S]
                                      [--data DIR] [--work DIR] [--subset N] [--final-epochs E]
                                      [--objective loss|accuracy|penalised-loss|pareto] [--evolve-training]
                                      [--fitness-cache] [--halving] [--median-stopping] [--screening]
              --dataset       data set to evolve on: mnist (default), fashion-mnist, or one imported into the
                              data directory with scripts/evocnn-data
              --minutes       total budget, evolution plus final training (default 10)
              --evaluators    local evaluator processes, sharing the cores (default 1)
              --seed          seed of the run (default 1)
              --data          data directory (default ./data), or a folder of your images with one
                              sub-folder per class (imported into ./data once; --dataset is then its name)
              --work          where runs, broker data and logs go (default ./runs/local-<time>)
              --subset        training images per fitness evaluation, stratified (default 2000)
              --final-epochs  epochs of the final trainings on the whole training set (default 1)
              --objective     what selection minimises (default loss, the paper's); pareto keeps a front of
                              loss against parameters, written to front.svg
              --evolve-training  evolve optimizer, learning rate and batch size with the architecture
              --fitness-cache    reuse the result of a genome already evaluated in the run
              --halving          successive halving: new genomes first on a ninth, then a third of the subset
              --median-stopping  stop evaluations whose learning curve is worse than the median
              --screening        breed 8 genomes per slot, send the one a surrogate model predicts best
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
                   int finalEpochs, Path root, String objective, boolean evolveTraining, boolean fitnessCache,
                   boolean halving, boolean medianStopping, boolean screening) {

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
            boolean halving = false;
            boolean medianStopping = false;
            boolean screening = false;
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
                    case "--halving" -> halving = true;
                    case "--median-stopping" -> medianStopping = true;
                    case "--screening" -> screening = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!dataset.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException("--dataset must be a data set id such as mnist, not '" + dataset
                        + "'");
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
                    evolveTraining, fitnessCache, halving, medianStopping, screening);
        }

        private static String need(String value, String option) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** Where the run's data set is: a data directory and an id, after importing a folder of images if given one. */
    record Data(Path dir, DatasetInfo info) {
    }

    /**
     * The data set of the run: {@code --data} is a folder of images (imported into ./data once), or a data directory
     * whose built-in data sets are fetched when missing and whose users' data sets are registered.
     */
    Data data(Options o) throws IOException, InterruptedException {
        if (ImageImport.looksLikeImageFolder(o.data())) {
            out.println("importing the images of " + o.data() + " ...");
            ImageImport.Summary imported = ImageImport.run(ImageImport.Options.of(o.data(), o.root().resolve("data")));
            out.println(imported.describe());
            return new Data(o.root().resolve("data"), imported.manifest().info());
        }
        DatasetManifests.registerAll(o.data()).problems().forEach(p -> out.println("not a data set: " + p));
        DatasetInfo info = DatasetCatalog.find(o.dataset()).orElseThrow(() -> new IllegalArgumentException(
                "unknown data set '" + o.dataset() + "' in " + o.data() + "; known: " + DatasetCatalog.all().stream()
                        .map(DatasetInfo::id).collect(java.util.stream.Collectors.joining(", "))
                        + " (or give --data a folder of images, one sub-folder per class)"));
        if (DatasetCatalog.builtIn().contains(info) && !new DatasetRegistry(o.data()).isPresent(info.id())) {
            out.println("fetching " + info.id() + " into " + o.data() + " ...");
            int rc = new ProcessBuilder(o.root().resolve("scripts/fetch-data").toString(), o.data().toString())
                    .inheritIO().start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("scripts/fetch-data failed (" + rc + ")");
            }
        }
        return new Data(o.data(), info);
    }

    int run(Options o) throws Exception {
        Files.createDirectories(o.work());
        Data data;
        try {
            data = data(o);
        } catch (DatasetException | IllegalArgumentException e) {
            System.err.println("evocnn-run: " + e.getMessage());
            return 2;
        }
        DatasetInfo info = data.info();
        int httpPort = LocalProcesses.freePort();
        int brokerPort = LocalProcesses.freePort();
        service = ServiceClient.local(httpPort);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("evocnn local run: %s (%s, %d classes), %.0f minutes, %d evaluator(s) on %d cores, work dir %s%n",
                info.id(), info.input(), info.classes(), o.minutes(), o.evaluators(), cores, o.work());

        processes.startLocalService(o.root(), httpPort, brokerPort, "-Dquarkus.http.host=127.0.0.1",
                "-Devocnn.datasets.dir=" + data.dir());
        service.awaitReady(Duration.ofSeconds(90));
        processes.startEvaluators(o.root(), brokerPort, data.dir(), info.id(), o.evaluators());
        // small images: kernels and pools no larger than their sides
        int side = Math.min(info.input().height(), info.input().width());
        int subset = o.subset() >= info.trainSize() ? 0 : o.subset();

        // evolution gets 70 % of the budget, the two final trainings the rest
        long evolutionSeconds = Math.round(o.minutes() * 60 * 0.7);
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"task": {"dataset": "%s", "folds": 2, "epochs": 1, "batchSize": 64, "trainingSubset": %d, "seed": %d},
                 "evolution": {"popSize": 10, "minPopSize": 5, "maxInFlight": %d, "seed": %d,
                               "objective": "%s", "fitnessCache": %b,
                               "searchSpace": {"maxParams": 2000000, "evolveTraining": %b,
                                               "kernelSize": {"min": %d, "max": %d},
                                               "poolSize": {"min": %d, "max": %d}},
                               "fidelity": {"eta": 3, "rungs": %s},
                               "earlyStopping": {"rule": "%s"},
                               "screening": {"candidates": %d},
                               "termination": {"maxEvaluations": 100000, "timeBudgetSeconds": %d}}}"""
                .formatted(info.id(), subset, o.seed(), o.evaluators() + 1, o.seed(), o.objective(),
                        o.fitnessCache(), o.evolveTraining(), Math.min(2, side), Math.min(5, side), Math.min(2, side),
                        Math.min(3, side),
                        o.halving() ? "[{\"trainingSubset\": %d}, {\"trainingSubset\": %d}]".formatted(
                                Math.max(2 * info.classes(), (subset == 0 ? info.trainSize() : subset) / 9),
                                Math.max(2 * info.classes(), (subset == 0 ? info.trainSize() : subset) / 3)) : "[]",
                        o.medianStopping() ? "median" : "off", o.screening() ? 8 : 1, evolutionSeconds));
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
            out.printf(Locale.ROOT, "[%s] %d evaluations done (%d ok, %d invalid, %d failed, %d stopped, %d from the "
                            + "cache, %d promotions), %d in flight; best %s; %.1f evaluations/min; %d:%02d left%n",
                    clock(started), e.path("completed").asLong(), e.path("ok").asLong(), e.path("invalid").asLong(),
                    e.path("failed").asLong(), e.path("stopped").asLong(), e.path("cacheHits").asLong(),
                    e.path("promotions").asLong(), e.path("inFlight").asLong(),
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
        // the paper's baseline of the data set; a user's data set gets the Fashion-MNIST one if it fits its images
        String baseline = info.id().equals("mnist") ? "mnist-baseline" : "fashion-baseline";
        var baselineStarted = service.raw("POST", "/api/runs/" + runId + "/final", "{\"reference\": \"" + baseline
                + "\", \"repeats\": 1, \"epochs\": " + o.finalEpochs() + "}");
        evolvedFinal = service.awaitFinal(runId, evolvedFinal.path("id").asText());
        JsonNode baselineFinal = null;
        if (baselineStarted.statusCode() == 202 || baselineStarted.statusCode() == 201
                || baselineStarted.statusCode() == 200) {
            baselineFinal = service.awaitFinal(runId, JSON.readTree(baselineStarted.body()).path("id").asText());
        } else {
            out.println("(no baseline: " + baseline + " does not fit " + info.input() + " images: "
                    + baselineStarted.body() + ")");
        }
        out.println();
        out.printf("%-32s %14s %14s %10s%n", "model", "params", "test accuracy", "test loss");
        for (JsonNode f : baselineFinal == null ? List.of(evolvedFinal) : List.of(evolvedFinal, baselineFinal)) {
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
