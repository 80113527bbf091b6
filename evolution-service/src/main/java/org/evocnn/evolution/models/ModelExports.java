package org.evocnn.evolution.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evocnn.training.export.TrainedNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The ONNX form of a stored network, made from its DL4J file on first request and kept next to it
 * ({@code <evaluationId>.onnx}); one export at a time.
 */
@ApplicationScoped
public class ModelExports {

    @Inject
    ModelStore store;

    public synchronized Path onnx(String runId, ModelStore.Stored stored) {
        Path onnx = store.onnx(runId, stored.evaluationId());
        try {
            if (Files.isRegularFile(onnx) && Files.getLastModifiedTime(onnx).compareTo(
                    Files.getLastModifiedTime(stored.zip())) >= 0) {
                return onnx;
            }
            try (TrainedNetwork network = TrainedNetwork.load(stored.zip(), stored.manifest())) {
                Path part = onnx.resolveSibling(onnx.getFileName() + ".part");
                Files.write(part, network.onnx());
                Files.move(part, onnx, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return onnx;
        } catch (IOException e) {
            throw new UncheckedIOException("the ONNX export of " + stored.evaluationId() + " failed: "
                    + e.getMessage(), e);
        }
    }
}
