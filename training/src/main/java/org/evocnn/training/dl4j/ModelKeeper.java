package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.ModelRef;

/** Where a final training's trained network goes ({@code training.export.KeptModels}: files beside the reply). */
public interface ModelKeeper {

    /**
     * Keeps a trained network and its manifest.
     *
     * @return the reference the result carries: the kept file's hash and size, or why it was not kept
     */
    ModelRef keep(EvaluationId id, MultiLayerNetwork network, ManifestDraft draft);

    /**
     * Where the trained weights of a parent that came with {@code child}'s request wait while the child is evaluated
     * (the messaging adapter writes them there, checked against their hash; absent when they did not arrive intact).
     */
    java.nio.file.Path parentFile(EvaluationId child, long parent);

    /** A manifest but for the file's hash and size, which are known once the file is written. */
    @FunctionalInterface
    interface ManifestDraft {
        ModelManifest complete(String evaluationId, String sha256, long bytes);
    }
}
