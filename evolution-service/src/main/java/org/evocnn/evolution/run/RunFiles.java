package org.evocnn.evolution.run;

import java.nio.file.Path;

/**
 * Where a run's trained networks lie under its directory: {@code models/<evaluationId>.zip} (the DL4J file),
 * {@code .json} (its manifest), {@code .onnx} (its export). The model store writes and serves them; the weight store
 * of a run with inheritance sends and deletes them.
 */
public final class RunFiles {

    private RunFiles() {
    }

    public static Path models(Path runDir) {
        return runDir.resolve("models");
    }

    public static Path network(Path runDir, String evaluationId) {
        return models(runDir).resolve(evaluationId + ".zip");
    }

    public static Path manifest(Path runDir, String evaluationId) {
        return models(runDir).resolve(evaluationId + ".json");
    }

    public static Path onnx(Path runDir, String evaluationId) {
        return models(runDir).resolve(evaluationId + ".onnx");
    }
}
