package org.evocnn.tools.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.launcher.ServiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's colour images end to end: generated PNGs of three shapes are imported, the packaged service and a real DL4J
 * evaluator evolve networks for them and final-train the best, and the best network's summary shows 32x32x3 inputs. A
 * plain CNN final-trained on the same data must beat chance clearly, which a mislabelled import would not.
 */
class UserDataIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void generatedShapesAreImportedEvolvedForAndFinalTrained(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("shapes");
        SyntheticShapes.write(images, 80, 32, 3);
        Path data = tmp.resolve("data");
        // sizes vary around 32; the shape is stated, as a user would to get 32x32 (the median default is tested apart)
        ImageImport.Summary imported = ImageImport.run(new ImageImport.Options(images, data, null,
                new InputShape(32, 32, 3), 0.2, 64, 0.1, 0));
        assertThat(imported.manifest().input()).hasToString("32x32x3");
        assertThat(imported.manifest().trainSize() + imported.manifest().testSize()).isEqualTo(240);

        try (LocalProcesses processes = new LocalProcesses(tmp.resolve("work"))) {
            int httpPort = LocalProcesses.freePort();
            int brokerPort = LocalProcesses.freePort();
            ServiceClient service = ServiceClient.local(httpPort);
            processes.startLocalService(ROOT, httpPort, brokerPort, "-Dquarkus.http.host=127.0.0.1",
                    "-Devocnn.datasets.dir=" + data);
            service.awaitReady(Duration.ofSeconds(90));
            processes.startEvaluators(ROOT, brokerPort, data, "shapes", 1);

            String runId = service.post("/api/runs", """
                    {"task": {"dataset": "shapes", "folds": 2, "epochs": 2, "batchSize": 32},
                     "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 2, "seed": 3,
                                   "searchSpace": {"maxParams": 200000},
                                   "termination": {"maxEvaluations": 6}}}""").path("runId").asText();
            JsonNode status = service.awaitFinished(runId, Duration.ofSeconds(1));
            assertThat(status.path("evaluations").path("ok").asInt()).isPositive();
            JsonNode best = service.get("/api/runs/" + runId + "/best");
            assertThat(best.path("summary").asText()).contains("(input 32x32x3, 3 classes)");
            assertThat(service.get("/api/runs/" + runId + "/spec").path("evolution").path("input").path("channels")
                    .asInt()).isEqualTo(3);

            JsonNode started = service.post("/api/runs/" + runId + "/final", "{\"repeats\": 1, \"epochs\": 3}");
            JsonNode done = service.awaitFinal(runId, started.path("id").asText());
            assertThat(done.path("results").path(0).path("status").asText()).isEqualTo("ok");
            assertThat(done.path("testAccuracy").path("avg").asDouble()).isBetween(0.0, 1.0);

            // six random networks on 192 images may stay near chance; a plain CNN shows the imported labels are learnable
            JsonNode cnn = service.post("/api/runs/" + runId + "/final", """
                    {"repeats": 1, "epochs": 40, "genome": {"schemaVersion": 1,
                     "conv": [{"type": "conv", "filters": 16, "kernelSize": 3, "activation": "relu"},
                              {"type": "pool", "poolSize": 2},
                              {"type": "conv", "filters": 32, "kernelSize": 3, "activation": "relu"},
                              {"type": "pool", "poolSize": 2}],
                     "dense": [{"size": 64, "dropout": 0.0, "activation": "relu"}]}}""");
            JsonNode cnnDone = service.awaitFinal(runId, cnn.path("id").asText());
            // three balanced classes: chance is a third
            assertThat(cnnDone.path("testAccuracy").path("avg").asDouble()).isGreaterThan(0.6);
        }
    }
}
