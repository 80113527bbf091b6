package org.evocnn.tools.bench;

import org.evocnn.tools.cli.Commands;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.dl4j.Backend;
import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.training.dl4j.NetworkFactory;
import org.evocnn.training.dl4j.Trainer;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Training speed and memory of the evaluator, on the paper's MNIST baseline: one epoch over the 60,000 training
 * images (batch 128, RMSProp) gives samples/s and achieved GFLOP/s (training ~ 3 x forward FLOPs), compared with
 * ND4J's fp32 matrix multiply measured in the same process; then 50 consecutive fitness evaluations show whether
 * resident memory grows. Run it through {@code scripts/bench-training}.
 */
@Command(name = "bench-training", mixinStandardHelpOptions = true,
        description = "Training speed and memory of the paper's MNIST baseline.")
public final class TrainingBenchmark implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "data", description = "data directory (default data)")
    Path dataDir;
    @Parameters(index = "1", arity = "0..1", defaultValue = "50",
            description = "fitness evaluations for the memory check (default 50)")
    int evaluations;
    @Option(names = "--allow-no-onednn", description = "measure even when convolutions run without oneDNN's helpers")
    boolean allowNoOneDnn;

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(Commands.execute(new CommandLine(new TrainingBenchmark()), args));
    }

    @Override
    public Integer call() throws IOException {
        Backend.init();
        System.out.printf("backend: %s, device: %s, OMP threads: %s%n", Backend.name(), Backend.device(),
                Nd4j.getEnvironment().maxMasterThreads());
        System.out.println("conv layer helper: " + Backend.requireOneDnnHelpers(allowNoOneDnn));
        Dataset mnist = new DatasetRegistry(dataDir).get("mnist");

        double matmul = matmulGflops();
        System.out.printf(Locale.ROOT, "fp32 matrix multiply (ND4J gemm 1024x1024): %.1f GFLOP/s%n", matmul);

        TrainingTask task = new TrainingTask("mnist", 3, 1, 128, Optimizer.RMSPROP, 0.001, 0, 1);
        var genome = ReferenceNetwork.MNIST_BASELINE.genome();
        long forward = NetworkAnalyzer.analyze(genome).flopsPerSample();
        MultiLayerNetwork net = NetworkFactory.build(genome, task, mnist.inputShape(), mnist.classes());
        int[] all = new int[mnist.train().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        // warm-up on 2,560 samples so JIT and oneDNN primitive caches are built
        Trainer.fit(net, mnist.train(), java.util.Arrays.copyOf(all, 2_560), 1, 128, 1);
        long start = System.nanoTime();
        Trainer.fit(net, mnist.train(), all, 1, 128, 2);
        double seconds = (System.nanoTime() - start) / 1e9;
        double samplesPerSecond = all.length / seconds;
        double gflops = 3.0 * forward * samplesPerSecond / 1e9;
        Trainer.Score test = Trainer.score(net, mnist.test(), java.util.stream.IntStream.range(0, 10_000).toArray(), 1024);
        net.close();
        System.out.printf(Locale.ROOT, "MNIST baseline, 1 epoch of %,d images: %.1f s, %,.0f samples/s (goal >= 1,500)%n",
                all.length, seconds, samplesPerSecond);
        System.out.printf(Locale.ROOT, "achieved training GFLOP/s: %.1f (3 x %.2f MFLOP forward per sample)%n",
                gflops, forward / 1e6);
        System.out.printf(Locale.ROOT, "ratio to matrix multiply: %.2f (goal >= 0.4)%n", gflops / matmul);
        System.out.printf(Locale.ROOT, "test accuracy after 1 epoch: %.4f, loss %.4f%n", test.accuracy(), test.loss());
        System.out.printf(Locale.ROOT, "peak RSS while training the baseline: %s%n", memory());
        convolutionHeavy(mnist);

        Dl4jEvaluator evaluator = new Dl4jEvaluator(new DatasetRegistry(dataDir), ResourceCaps.NONE, Duration.ofDays(1),
                new EvaluatorInfo("bench", Backend.name(), Backend.device()));
        TrainingTask small = new TrainingTask("mnist", 2, 1, 128, Optimizer.RMSPROP, 0.001, 2_000, 3);
        for (int i = 1; i <= evaluations; i++) {
            EvaluationResult r = evaluator.evaluate(new EvaluationRequest(EvaluationId.fitness("bench", i),
                    genome, small));
            if (!r.isOk()) {
                throw new IllegalStateException("evaluation " + i + " failed: " + r.error());
            }
            if (i == 1 || i == 10 || i % 50 == 0 || i == evaluations) {
                System.out.printf(Locale.ROOT, "after %3d evaluations (2 folds x 1,000 images): %s, loss %.3f%n",
                        i, memory(), r.fitness().loss());
                // ND4J's native buffers are freed when the garbage collector finds their Java owners: RSS after a
                // collection tells a leak apart from buffers merely waiting for one
                System.gc();
                System.out.printf(Locale.ROOT, "             after a full collection: %s%n", memory());
            }
        }
        return 0;
    }

    /**
     * The paper's evolved Fashion-MNIST network (five convolutions at full resolution, the costliest of its four) on
     * 10,240 images: the rate where libnd4j's own kernels, not only oneDNN's convolutions, take the time.
     */
    private static void convolutionHeavy(Dataset mnist) {
        var genome = ReferenceNetwork.FASHION_EVOLVED.genome();
        TrainingTask task = new TrainingTask("mnist", 3, 1, 128, Optimizer.RMSPROP, 0.001, 0, 1);
        MultiLayerNetwork net = NetworkFactory.build(genome, task, mnist.inputShape(), mnist.classes());
        int[] images = java.util.stream.IntStream.range(0, 10_240).toArray();
        Trainer.fit(net, mnist.train(), java.util.Arrays.copyOf(images, 1_280), 1, 128, 1);
        long start = System.nanoTime();
        Trainer.fit(net, mnist.train(), images, 1, 128, 2);
        double seconds = (System.nanoTime() - start) / 1e9;
        net.close();
        System.out.printf(Locale.ROOT, "fashion-evolved (%,d params, convolution-heavy), 1 epoch of %,d images: %.1f s,"
                + " %,.0f samples/s%n", NetworkAnalyzer.analyze(genome).trainableParams(), images.length, seconds,
                images.length / seconds);
    }

    static double matmulGflops() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 5; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        int reps = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000_000L) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            reps++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return 2.0 * n * n * n * reps / seconds / 1e9;
    }

    /** Current and peak resident set size of this process (Linux). */
    static String memory() {
        try {
            String rss = "?";
            String hwm = "?";
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = mib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = mib(line);
                }
            }
            Runtime rt = Runtime.getRuntime();
            return String.format(Locale.ROOT, "RSS %s (peak %s), Java heap %,d MiB used of %,d%s",
                    rss, hwm, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, jvmCommitted());
        } catch (IOException e) {
            return "RSS unknown";
        }
    }

    /**
     * With {@code -XX:NativeMemoryTracking=summary}: what the JVM itself has committed (heap, code cache, class
     * metadata, threads, GC, ...), so RSS growth can be told apart from native allocations of ND4J / oneDNN.
     */
    private static String jvmCommitted() {
        try {
            String summary = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                    .matcher(summary);
            return total.find() ? String.format(Locale.ROOT, ", JVM committed %,d MiB", Long.parseLong(total.group(1)) / 1024)
                    : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String mib(String line) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%,d MiB", kb / 1024);
    }
}
