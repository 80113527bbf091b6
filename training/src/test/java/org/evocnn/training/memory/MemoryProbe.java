package org.evocnn.training.memory;

import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.dl4j.Backend;
import org.evocnn.training.dl4j.Dl4jEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Peak resident memory of one training, in a fresh JVM: {@code MemoryProbe GENOME_JSON BATCH SUBSET} runs the DL4J
 * evaluator (a final training: one epoch on SUBSET fixture images, then the test set scored, at the batch, no caps) and
 * prints one line {@code baseline=<bytes> peak=<bytes> estimate=<bytes> status=<status>}: the high-water mark before
 * the evaluation (ND4J loaded, data read), after it, and {@code Architecture.peakTrainingBytes}. One process per
 * network, since the high-water mark never goes down ({@code MemoryEstimateTest}).
 */
public final class MemoryProbe {

    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Genome genome = ModelJson.readGenome(args[0]);
        int batch = Integer.parseInt(args[1]);
        int subset = Integer.parseInt(args[2]);
        Backend.init();
        DatasetRegistry data = new DatasetRegistry(Path.of("src/test/resources/fixture"));
        data.get("mnist");
        Architecture arch = NetworkAnalyzer.analyze(genome, InputShape.MNIST, 10);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(data, ResourceCaps.NONE, Duration.ofHours(1),
                new EvaluatorInfo("probe", "cpu", "probe"));
        long baseline = highWaterMark();
        EvaluationResult result = evaluator.evaluate(new EvaluationRequest(EvaluationId.finalTraining("probe", 1, 1),
                genome, new TrainingTask("mnist", 2, 1, batch, Optimizer.RMSPROP, 0.001, subset, 1)));
        long peak = highWaterMark();
        System.out.println("baseline=" + baseline + " peak=" + peak + " estimate="
                + arch.peakTrainingBytes(batch, Optimizer.RMSPROP.stateCopies()) + " status=" + result.status() + (result.error() == null ? "" : " error=" + result.error()));
    }

    /** The process' peak resident memory so far (VmHWM), in bytes. */
    static long highWaterMark() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/self/status");
    }
}
