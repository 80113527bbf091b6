package org.evocnn.tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.launcher.ServiceClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The evolved network a local run ends with, taken home: its DL4J file, ONNX export and manifest, downloaded from the
 * service into the run's directory as {@code best.zip}, {@code best.onnx} and {@code best.json}.
 */
final class BestNetwork {

    private BestNetwork() {
    }

    /** Downloads the three files of a final training's network and prints where they are, or why they are not. */
    static void download(ServiceClient service, String runId, JsonNode finalTraining, Path runDir, PrintStream out)
            throws IOException, InterruptedException {
        String base = "/api/runs/" + runId + "/final/" + finalTraining.path("id").asText();
        Files.createDirectories(runDir);
        String[][] files = {{"/model?format=dl4j", "best.zip"}, {"/model?format=onnx", "best.onnx"},
            {"/manifest", "best.json"}};
        out.println();
        for (String[] file : files) {
            Path to = runDir.resolve(file[1]);
            HttpResponse<Path> answer = service.download(base + file[0], to);
            if (answer.statusCode() != 200) {
                String why = Files.readString(to);
                Files.delete(to);
                out.printf("The evolved network could not be downloaded (%d): %s%n", answer.statusCode(), why);
                return;
            }
        }
        out.printf("The evolved network: %s (DL4J), %s (ONNX), %s (manifest: input, classes, test accuracy);%n"
                + "classify images with scripts/evocnn-predict %s IMAGE...%n", runDir.resolve("best.zip"),
                runDir.resolve("best.onnx"), runDir.resolve("best.json"), runDir.resolve("best.zip"));
    }
}
