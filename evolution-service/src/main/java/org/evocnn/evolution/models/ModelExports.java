package org.evocnn.evolution.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evocnn.training.export.ModelFiles;
import org.evocnn.training.export.TrainedNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The ONNX form of a stored network, made from its DL4J file on first request and kept next to it
 * ({@code <evaluationId>.onnx}, its SHA-256 in {@code .onnx.sha256}); one export at a time. A kept export is served
 * only when it is a plain file with the hash written beside it and newer than its network; else (damaged, replaced
 * by a link, older) it is made again.
 */
@ApplicationScoped
public class ModelExports {

    @Inject
    ModelStore store;

    public synchronized Path onnx(String runId, ModelStore.Stored stored) {
        Path onnx = store.onnx(runId, stored.evaluationId());
        Path sum = onnx.resolveSibling(onnx.getFileName() + ".sha256");
        try {
            if (intact(onnx, sum, stored.zip())) {
                return onnx;
            }
            try (TrainedNetwork network = TrainedNetwork.load(stored.zip(), stored.manifest())) {
                Path part = onnx.resolveSibling(onnx.getFileName() + ".part");
                Files.write(part, network.onnx());
                Files.writeString(sum, ModelFiles.sha256(part));
                Files.deleteIfExists(onnx); // a link is replaced, never written through
                Files.move(part, onnx, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return onnx;
        } catch (IOException e) {
            throw new UncheckedIOException("the ONNX export of " + stored.evaluationId() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private boolean intact(Path onnx, Path sum, Path zip) throws IOException {
        if (Files.isSymbolicLink(onnx) || !Files.isRegularFile(onnx, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(sum, LinkOption.NOFOLLOW_LINKS)
                || Files.getLastModifiedTime(onnx).compareTo(Files.getLastModifiedTime(zip)) < 0) {
            return false;
        }
        try {
            return store.sha256(onnx).equals(Files.readString(sum).strip());
        } catch (ModelUnavailable e) {
            return false;
        }
    }
}
