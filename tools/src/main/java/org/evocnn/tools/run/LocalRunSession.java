package org.evocnn.tools.run;

import org.evocnn.engine.fidelity.Rung;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.evocnn.engine.process.Termination;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.json.DatasetManifests;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.spec.PartialSpec;
import org.evocnn.spec.RunOptions;
import org.evocnn.spec.RunSpec;
import org.evocnn.tools.data.ImageImport;
import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.DatasetRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One local run as {@link LocalRun} starts it: the service and evaluators as processes, the evolution with progress
 * lines, the final trainings of the best network and the baseline, the report.
 */
final class LocalRunSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out = System.out;
    private final LocalProcesses processes;
    private ServiceClient service;

    LocalRunSession(LocalProcesses processes) {
        this.processes = processes;
    }

    /** Where the run's data set is: a data directory and an id, after importing a folder of images if given one. */
    record Data(Path dir, DatasetInfo info) {
    }

    /**
     * The data set of the run: {@code --data} is a folder of images (imported into ./data once), or a data directory
     * whose built-in data sets are fetched when missing and whose users' data sets are registered.
     */
    Data data(LocalRun.Options o) throws IOException, InterruptedException {
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

    int run(LocalRun.Options o) throws Exception {
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
        out.printf("run page: http://127.0.0.1:%d/ (the REST API under /api, OpenAPI at /q/openapi)%n", httpPort);
        processes.startEvaluators(o.root(), brokerPort, data.dir(), info.id(), o.evaluators());
        // evolution gets 70 % of the budget, the two final trainings the rest
        long evolutionSeconds = Math.round(o.minutes() * 60 * 0.7);
        PartialSpec spec = spec(o, info, evolutionSeconds);
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
        BestNetwork.download(service, runId, evolvedFinal, runDir, out);
        Report.write(runDir, get("/api/runs/" + runId), best, evolvedFinal, baselineFinal, service.evaluations(runId),
                get("/api/runs/" + runId + "/spec"));
        out.printf("%nReport: %s (evaluations.csv, summary.json, fitness.svg%s); logs in %s%n", runDir,
                best.path("front").isEmpty() ? "" : ", front.svg", o.work());
        return 0;
    }

    /**
     * The run's spec: the task on a stratified subset, 2 folds x 1 epoch, a small population, the options asked for,
     * a wall-clock budget; kernels and pools no larger than the images' sides.
     */
    static PartialSpec spec(LocalRun.Options o, DatasetInfo info, long evolutionSeconds) {
        int side = Math.min(info.input().height(), info.input().width());
        int subset = o.subset() >= info.trainSize() ? 0 : o.subset();
        int images = subset == 0 ? info.trainSize() : subset;
        PartialSpec spec = new PartialSpec()
                .set(RunOptions.TASK, new TrainingTask(info.id(), 2, 1, 64, Optimizer.RMSPROP, 0.001, subset, o.seed()))
                .set(RunOptions.POP_SIZE, 10).set(RunOptions.MIN_POP_SIZE, 5)
                .set(RunOptions.MAX_IN_FLIGHT, o.evaluators() + 1).set(RunOptions.SEED, o.seed())
                .set(RunOptions.OBJECTIVE, o.objective()).set(RunOptions.FITNESS_CACHE, o.fitnessCache())
                .set(RunOptions.MAX_PARAMS, 2_000_000L).set(RunOptions.EVOLVE_TRAINING, o.evolveTraining())
                .set(RunOptions.KERNEL_SIZE, org.evocnn.engine.space.IntRange.of(Math.min(2, side), Math.min(5, side)))
                .set(RunOptions.POOL_SIZE, org.evocnn.engine.space.IntRange.of(Math.min(2, side), Math.min(3, side)))
                .set(RunOptions.TERMINATION, new Termination(100_000, evolutionSeconds, null, 0));
        if (o.halving()) {
            spec.set(RunOptions.FIDELITY_ETA, 3).set(RunOptions.FIDELITY_RUNGS, List.of(
                    new Rung(Math.max(2 * info.classes(), images / 9), 0, 0),
                    new Rung(Math.max(2 * info.classes(), images / 3), 0, 0)));
        }
        if (o.medianStopping()) {
            spec.set(RunOptions.STOPPING_RULE, "median");
        }
        if (o.screening()) {
            spec.set(RunOptions.SCREENING, new Screening(8, 20, 10));
        }
        if (o.islands() > 0) {
            spec.set(RunOptions.MODE, "islands").set(RunOptions.ISLANDS, o.islands())
                    .set(RunOptions.POP_SIZE, 5).set(RunOptions.MIN_POP_SIZE, 3)
                    .set(RunOptions.MIGRATION_INTERVAL, 5);
        }
        if (o.inherit()) {
            spec.set(RunOptions.INHERITANCE, true);
        }
        return spec;
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
