package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.training.export.ModelFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lamarckian evolution over the real stack: the packaged service (embedded Artemis) and a packaged DL4J evaluator on
 * the MNIST fixture. Every evaluation's trained weights come back as a large message and are kept by the service under
 * their journaled hash; offspring requests carry their parents' weights as their bodies and start from them (inherited
 * parameters and lineage epochs in the results); the service crashes mid-run and the kept weights files are deleted
 * before it comes back: the children bred afterwards are trained from scratch where they would have inherited and say
 * so, no evaluation is lost; only the population's weights stay on disk; a final training trains on from a member's
 * kept weights.
 */
class InheritanceIT {

    private static final int EVALUATIONS = 14;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Cluster cluster;

    @AfterEach
    void stopAll() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void offspringInheritTrainedWeightsOverTheBrokerAndAMissingFileIsMarkedNeverLost() throws Exception {
        cluster = new Cluster(work);
        Process service = cluster.startService();
        cluster.startDl4jEvaluator("evaluator-dl4j");
        String runId = cluster.createRun("""
                {"task": {"folds": 3, "epochs": 1, "trainingSubset": 300},
                 "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 2, "inheritance": true, "seed": 3,
                               "termination": {"maxEvaluations": %d}}}""".formatted(EVALUATIONS));
        cluster.awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 6, 300);

        // the crash, and the kept weights lost with it
        service.destroyForcibly();
        service.waitFor();
        Path models = work.resolve("runs").resolve(runId).resolve("models");
        List<Path> lost;
        try (var files = Files.list(models)) {
            lost = files.filter(f -> f.getFileName().toString().matches(runId + "-\\d{6}\\.zip")).toList();
        }
        assertThat(lost).as("the population's weights were kept").isNotEmpty();
        for (Path file : lost) {
            Files.delete(file);
        }
        cluster.startService();
        cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"), 600);

        List<JournalEntry> journal = cluster.assertExactlyOnce(runId, EVALUATIONS);
        List<RecordedResult> results = journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result())
                .filter(r -> r.kind() == EvaluationKind.FITNESS).toList();
        assertThat(results).hasSize(EVALUATIONS).allSatisfy(r -> {
            assertThat(r.isOk()).as(r.evaluationId() + ": " + r.error()).isTrue();
            assertThat(r.fitness().foldLosses()).as("one holdout split").hasSize(1);
            assertThat(r.model().isKept()).as(r.evaluationId()).isTrue();
            assertThat(r.inherited()).as(r.evaluationId()).isNotNull();
        });
        List<RecordedResult> inheriting = results.stream().filter(r -> r.inherited().params() > 0).toList();
        assertThat(inheriting).as("offspring that started from their parents' weights").isNotEmpty()
                .allSatisfy(r -> assertThat(r.inherited().lineageEpochs()).isGreaterThanOrEqualTo(2));
        assertThat(results).as("children of parents whose weights were lost: trained from scratch, and said so")
                .anySatisfy(r -> assertThat(r.inherited().error()).contains("is missing")
                        .contains("its layers trained from scratch"));

        // on disk: the kept weights only, each the file its result names
        Map<String, String> hashes = results.stream().collect(Collectors.toMap(RecordedResult::evaluationId,
                r -> r.model().sha256()));
        List<Path> kept;
        try (var files = Files.list(models)) {
            kept = files.filter(f -> f.getFileName().toString().matches(runId + "-\\d{6}\\.zip")).toList();
        }
        assertThat(kept).isNotEmpty().hasSizeLessThanOrEqualTo(4 + 1);
        for (Path file : kept) {
            String id = file.getFileName().toString().replace(".zip", "");
            assertThat(ModelFiles.sha256(file)).as(id).isEqualTo(hashes.get(id));
        }
        try (var left = Files.list(work.resolve("evaluator-dl4j-models"))) {
            assertThat(left.toList()).as("the evaluator keeps nothing once it answered").isEmpty();
        }

        // REST: what each evaluation inherited, and the best network's lineage
        List<JsonNode> evaluations = cluster.service.evaluations(runId);
        assertThat(evaluations).filteredOn(e -> e.path("kind").asText().equals("fitness"))
                .allSatisfy(e -> assertThat(e.path("inherited").path("lineageEpochs").asInt()).isPositive());
        long best = cluster.service.get("/api/runs/" + runId + "/best").path("individual").path("sequence").asLong();
        JsonNode lineage = cluster.service.get("/api/runs/" + runId + "/evaluations/" + best + "/lineage");
        assertThat(lineage.get(0).path("lineageEpochs").asInt()).isPositive();
        assertThat(lineage.get(0).has("inheritedParams")).isTrue();

        // a final training on from a member's kept weights: every layer inherited, the lineage goes on
        String keptId = kept.get(0).getFileName().toString().replace(".zip", "");
        long member = Long.parseLong(keptId.substring(keptId.length() - 6));
        RecordedResult memberResult = results.stream().filter(r -> r.sequence() == member).findFirst().orElseThrow();
        JsonNode started = cluster.service.post("/api/runs/" + runId + "/final",
                "{\"fromEvaluation\": " + member + ", \"epochs\": 1}");
        JsonNode done = cluster.service.awaitFinal(runId, started.path("id").asText());
        JsonNode trained = done.path("results").get(0);
        assertThat(trained.path("status").asText()).as(trained.toString()).isEqualTo("ok");
        assertThat(trained.path("inherited").path("params").asLong())
                .isEqualTo(trained.path("trainableParams").asLong());
        assertThat(trained.path("inherited").path("lineageEpochs").asInt())
                .isEqualTo(memberResult.inherited().lineageEpochs() + 1);
        long notKept = results.stream().map(RecordedResult::sequence).filter(s -> kept.stream().noneMatch(f -> f.getFileName().toString().equals(
                        org.evocnn.model.message.EvaluationId.fitness(runId, s).text() + ".zip")))
                .findFirst().orElseThrow();
        HttpResponse<String> gone = cluster.service.raw("POST", "/api/runs/" + runId + "/final",
                "{\"fromEvaluation\": " + notKept + ", \"epochs\": 1}");
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(gone.body()).contains("fromEvaluation").contains("evaluation " + notKept);
    }
}
