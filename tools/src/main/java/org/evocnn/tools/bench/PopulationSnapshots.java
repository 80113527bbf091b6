package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.launcher.ServiceClient;
import org.evocnn.model.json.ModelJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A search's population early (when it first holds {@code popSize} members) and late (when the search ends), written
 * as {@code <runId>.early.json} and {@code .late.json}: the members real searches keep, which the fidelity study samples
 * instead of uniform random genomes.
 */
final class PopulationSnapshots {

    private PopulationSnapshots() {
    }

    /** Waits for the run to finish, writing its early and late populations into {@code dir} on the way. */
    static JsonNode watch(ServiceClient service, String runId, String strategy, long seed, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int popSize = service.get("/api/runs/" + runId + "/spec").path("evolution").path("popSize").asInt();
        Path early = dir.resolve(runId + ".early.json");
        while (true) {
            JsonNode status = service.get("/api/runs/" + runId);
            boolean finished = status.path("state").asText().equals("finished");
            if (!Files.exists(early) && !finished
                    && status.path("evaluations").path("completed").asLong() >= popSize) {
                write(service, runId, strategy, seed, "early", status, early);
            }
            if (finished) {
                write(service, runId, strategy, seed, "late", status, dir.resolve(runId + ".late.json"));
                return status;
            }
            Thread.sleep(Duration.ofSeconds(5).toMillis());
        }
    }

    private static void write(ServiceClient service, String runId, String strategy, long seed, String when,
                              JsonNode status, Path file) throws IOException, InterruptedException {
        ObjectNode snapshot = ModelJson.mapper().createObjectNode().put("runId", runId).put("strategy", strategy)
                .put("seed", seed).put("when", when)
                .put("completed", status.path("evaluations").path("completed").asLong());
        snapshot.set("population", service.get("/api/runs/" + runId + "/population"));
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, ModelJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(snapshot));
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
