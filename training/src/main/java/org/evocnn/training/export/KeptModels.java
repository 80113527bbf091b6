package org.evocnn.training.export;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.ModelRef;
import org.evocnn.training.dl4j.ModelKeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Where an evaluator keeps the network a final training trained until its result is sent: the DL4J model file
 * ({@code <evaluationId>.zip}, written by {@link ModelSerializer} without the updater's state, which only further
 * training would need) and its manifest ({@code <evaluationId>.json}); with weight inheritance, every fitness
 * evaluation's network too, and the parents' weights that came with its request ({@code <evaluationId>.parent-<n>.zip}).
 * The consumer streams the network with the result and then discards them.
 */
public final class KeptModels implements ModelKeeper {

    private final Path dir;
    private final long maxBytes;

    /** @param maxBytes the largest model file kept; a larger one is answered with the reason instead */
    public KeptModels(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** Writes a trained network and its manifest (whose hash and size are filled in here). */
    @Override
    public ModelRef keep(EvaluationId id, MultiLayerNetwork network, ManifestDraft draft) {
        Path zip = zip(id);
        Path part = file(id.text() + ".zip.part");
        try {
            Files.createDirectories(dir);
            ModelSerializer.writeModel(network, part.toFile(), false);
            long bytes = Files.size(part);
            if (bytes > maxBytes) {
                Files.deleteIfExists(part);
                return ModelRef.notKept(String.format(Locale.ROOT, "the trained network's file of %,d bytes is over "
                        + "the evaluator's cap of %,d (evocnn.evaluator.max-model-size)", bytes, maxBytes));
            }
            String sha256 = ModelFiles.sha256(part);
            ModelManifest manifest = draft.complete(id.text(), sha256, bytes);
            Files.writeString(manifest(id), ModelJson.writePretty(manifest));
            Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return ModelRef.kept(sha256, bytes);
        } catch (IOException | RuntimeException e) {
            discard(id);
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing more to do: the result says the network was not kept
            }
            return ModelRef.notKept("the trained network could not be written: " + e.getMessage());
        }
    }

    public Path zip(EvaluationId id) {
        return file(id.text() + ".zip");
    }

    public Path manifest(EvaluationId id) {
        return file(id.text() + ".json");
    }

    @Override
    public Path parentFile(EvaluationId child, long parent) {
        return file(child.text() + ".parent-" + parent + ".zip");
    }

    /**
     * A file of this directory by name; ids are plain names ({@link EvaluationId#RUN_ID_PATTERN}), and a name that
     * would still lead elsewhere is refused rather than resolved.
     */
    private Path file(String name) {
        Path root = dir.toAbsolutePath().normalize();
        Path file = root.resolve(name).normalize();
        if (!file.getParent().equals(root)) {
            throw new IllegalArgumentException("'" + name + "' is not a file name under " + root);
        }
        return file;
    }

    /** Removes the parents' weights that came with a request (after it was answered, or rolled back). */
    public void discardParents(EvaluationId child, java.util.Collection<Long> parents) {
        for (long parent : parents) {
            try {
                Files.deleteIfExists(parentFile(child, parent));
            } catch (IOException e) {
                // overwritten by the next delivery of the same request
            }
        }
    }

    /** Removes what was kept for an evaluation (after it was sent, or when it could not be). */
    public void discard(EvaluationId id) {
        for (Path file : new Path[] {zip(id), manifest(id)}) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover file is overwritten by the next training of the same id
            }
        }
    }
}
