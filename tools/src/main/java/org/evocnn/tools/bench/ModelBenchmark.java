package org.evocnn.tools.bench;

import org.evocnn.tools.cli.Commands;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.ModelRef;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.tools.bench.jms.ModelTransport;
import org.evocnn.tools.predict.OnnxClassifier;
import org.evocnn.training.dl4j.NetworkFactory;
import org.evocnn.training.export.Classifier;
import org.evocnn.training.export.KeptModels;
import org.evocnn.training.export.ModelFiles;
import org.evocnn.training.export.TrainedNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code scripts/bench-models}: what a trained network costs on its way out, for the paper's MNIST baseline and the
 * largest network the default caps allow (5 M parameters): its DL4J file's size, the time to carry it over a real
 * Artemis broker as a streamed large message (file to file, over TCP on this machine), and inference speed in DL4J and
 * in ONNX Runtime at batch 1 and batch 64 (images per second).
 */
@Command(name = "bench-models", mixinStandardHelpOptions = true,
        description = "Model file size, broker transport time and DL4J / ONNX Runtime inference speed.")
public final class ModelBenchmark implements Callable<Integer> {

    @Option(names = "--repeats", description = "transports per network (default ${DEFAULT-VALUE}; the median is shown)")
    int repeats = 5;

    @Option(names = "--seconds", description = "seconds per inference measurement (default ${DEFAULT-VALUE})")
    double seconds = 5;

    public static void main(String[] args) {
        System.exit(Commands.execute(new CommandLine(new ModelBenchmark()), args));
    }

    /** The most parameters the default caps allow: conv 8 3x3 then the widest dense layer under 5,000,000. */
    static Genome largestUnderCaps() {
        int width = (int) ((ResourceCaps.DEFAULT_MAX_PARAMS - 90 - 10) / (28 * 28 * 8 + 1 + 10));
        return new Genome(List.of(new ConvBlock(8, 3, Activation.RELU)), List.of(new DenseBlock(width, 0,
                Activation.RELU)));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("bench-models");
        System.out.printf(Locale.ROOT, "bench-models: %d cores, transports over Artemis (TCP, 127.0.0.1), median of"
                + " %d; inference %.0f s per setting%n%n", Runtime.getRuntime().availableProcessors(), repeats, seconds);
        try (ModelTransport transport = new ModelTransport(work.resolve("broker"))) {
            measure("mnist-baseline", ReferenceNetwork.MNIST_BASELINE.genome(), work, transport);
            measure("largest under the caps", largestUnderCaps(), work, transport);
        }
        return 0;
    }

    private void measure(String name, Genome genome, Path work, ModelTransport transport) throws Exception {
        long params = NetworkAnalyzer.analyze(genome).trainableParams();
        MultiLayerNetwork network = NetworkFactory.build(genome, TrainingTask.paperFinal("mnist"), InputShape.MNIST, 10);
        KeptModels kept = new KeptModels(work.resolve("kept"), Long.MAX_VALUE);
        EvaluationId id = EvaluationId.finalTraining("run-20261202-000000-0000", name.length(), 1);
        ModelRef ref = kept.keep(id, network, (eid, sha, bytes) -> ModelManifest.of("mnist", InputShape.MNIST,
                IntStream.range(0, 10).mapToObj(Integer::toString).toList(), genome, Fitness.ofTest(0, 0), eid, sha,
                bytes));
        network.close();
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Path received = work.resolve("received.zip");
            ms[r] = transport.carry(kept.zip(id), received);
            if (!ModelFiles.sha256(received).equals(ref.sha256())) {
                throw new IllegalStateException("the file that arrived is not the one sent");
            }
        }
        Arrays.sort(ms);
        double median = ms[repeats / 2];
        System.out.printf(Locale.ROOT, "%-24s %,11d parameters  file %7.2f MB  transport %7.1f ms (%.0f MB/s)%n",
                name, params, ref.bytes() / 1e6, median, ref.bytes() / 1e6 / (median / 1000));
        ModelManifest manifest = ModelJson.read(Files.readString(kept.manifest(id)), ModelManifest.class);
        Path onnx = work.resolve(id.text() + ".onnx");
        try (TrainedNetwork dl4j = TrainedNetwork.load(kept.zip(id), manifest)) {
            Files.write(onnx, dl4j.onnx());
            try (OnnxClassifier ort = new OnnxClassifier(onnx)) {
                for (int batch : new int[] {1, 64}) {
                    System.out.printf(Locale.ROOT, "%-24s batch %2d: DL4J %,9.0f images/s   ONNX Runtime %,9.0f images/s"
                            + "%n", "", batch, speed(dl4j, batch), speed(ort, batch));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-24s ONNX file %.2f MB%n", "", Files.size(onnx) / 1e6);
    }

    /** Images per second at a batch size, over the configured seconds after one second of warm-up. */
    private double speed(Classifier classifier, int batch) {
        SplittableRandom rng = new SplittableRandom(1);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            byte[] image = new byte[784];
            for (int j = 0; j < image.length; j++) {
                image[j] = (byte) rng.nextInt(256);
            }
            images.add(image);
        }
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            classifier.probabilities(images);
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < end) {
            classifier.probabilities(images);
            done += batch;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }
}
