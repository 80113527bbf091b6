package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.nativecpu.NativeVariants;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;
import java.util.Properties;

/**
 * ND4J start-up settings that must be in place before the first ND4J class loads, and a description of the backend
 * for results. Call {@link #init()} first thing.
 */
public final class Backend {

    private static volatile boolean initialised;

    private Backend() {
    }

    /**
     * Bounds ND4J's native memory through JavaCPP: {@code maxbytes} for what ND4J allocates off the heap,
     * {@code maxphysicalbytes} for the process' resident memory. JavaCPP reads them once, when its first class loads,
     * so this must run before anything touches ND4J; past a bound an allocation throws {@link OutOfMemoryError}
     * (after a garbage collection), which an evaluation reports as failed instead of the kernel killing the process.
     */
    public static synchronized void limitNativeMemory(java.util.OptionalLong maxBytes,
                                                      java.util.OptionalLong maxPhysicalBytes) {
        maxBytes.ifPresent(b -> System.setProperty("org.bytedeco.javacpp.maxbytes", Long.toString(b)));
        maxPhysicalBytes.ifPresent(b -> System.setProperty("org.bytedeco.javacpp.maxphysicalbytes", Long.toString(b)));
    }

    /**
     * Chooses the native CPU build for this CPU ({@link NativeVariants#select()}) and turns DL4J's C++ (oneDNN /
     * cuDNN) layer helpers on: 1.0.0-M2.1 disables them by default.
     *
     * @throws org.evocnn.training.nativecpu.NativeVariantException when no carried CPU build runs here
     */
    public static synchronized void init() {
        if (!initialised) {
            NativeVariants.select();
            System.setProperty("org.eclipse.deeplearning4j.helpers.disable",
                    System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "false"));
            initialised = true;
        }
    }

    /** What a user of the CUDA build must know before renting a GPU (docs/evaluator.md, "GPU"). */
    static final String CUDA_HINT = "DL4J 1.0.0-M2.1's CUDA build is CUDA 11.6 with cuDNN 8: it runs on NVIDIA GPUs "
            + "up to Ampere (compute capability 8.6: A100, A10, A30, RTX 30xx); Hopper and Blackwell (H100, H200, B200) "
            + "have no kernels in it. Check a node with nvidia-smi --query-gpu=name,compute_cap --format=csv; see "
            + "docs/evaluator.md, GPU";

    /**
     * Refuses, with a message that says why, to go on when ND4J does not run on the backend the deployment asked for
     * ({@code cpu} or {@code cuda}) or cannot compute there: a GPU evaluator must not fall back to the CPU unnoticed.
     * A small matrix product is the proof that kernels exist for the device.
     *
     * @throws IllegalStateException naming what was asked for and what was found
     */
    public static void require(String backend) {
        String wanted = backend.toLowerCase(Locale.ROOT);
        String hint = wanted.equals("cuda") ? " " + CUDA_HINT : "";
        String actual;
        try {
            actual = name();
        } catch (Throwable t) {
            throw new IllegalStateException("ND4J could not start (asked for its " + wanted + " backend): " + t + "."
                    + hint, t);
        }
        if (!actual.equals(wanted)) {
            throw new IllegalStateException("evocnn.evaluator.require-backend asks for " + wanted + " but ND4J runs on "
                    + actual + " (" + device() + ")." + hint);
        }
        try {
            var a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 64);
            double sum = a.mmul(a).sumNumber().doubleValue();
            if (!Double.isFinite(sum)) {
                throw new IllegalStateException("a 64x64 product gave " + sum);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("ND4J's " + wanted + " backend cannot compute on " + device() + ": " + t
                    + "." + hint, t);
        }
    }

    /** {@code cpu} or {@code cuda}. */
    public static String name() {
        init();
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "unknown");
        return backend.toLowerCase(Locale.ROOT);
    }

    /** The device: CPU model, core count, oneDNN helpers and the native build loaded; or the GPU's name. */
    public static String device() {
        init();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        if ("cuda".equals(name())) {
            Object devices = env.get("cuda.devicesInformation");
            return devices == null ? "cuda" : devices.toString();
        }
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (oneDnnEnabled() ? "oneDNN" : "no oneDNN") + ", " + variant();
    }

    /** The native CPU build loaded and why it was chosen: {@code nd4j onednn-avx2 (the fastest ...)}. */
    public static String variant() {
        init();
        String loaded = NativeVariants.loaded().map(f -> f.replaceFirst("^linux-x86_64-?", ""))
                .map(v -> v.isEmpty() ? "plain" : v).orElse("unknown");
        return "nd4j " + loaded + NativeVariants.select().map(c -> c.variant().id().equals(loaded)
                ? " (" + c.reason() + ")" : " (chosen " + c + ", but " + loaded + " loaded)").orElse("");
    }

    /** Whether DL4J's oneDNN layer helpers can load (the bridge class finds oneDNN). */
    public static boolean oneDnnEnabled() {
        init();
        try {
            // the CPU backend's class, by name: this module compiles against no backend (the application picks one)
            Object environment = Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment").getMethod("getInstance")
                    .invoke(null);
            return (Boolean) environment.getClass().getMethod("isUseMKLDNN").invoke(environment)
                    && Nd4j.getEnvironment().helpersAllowed();
        } catch (Throwable t) {
            return false;
        }
    }

    /**
     * The C++ helper a layer trains with ({@code MKLDNNConvHelper} for a convolution with oneDNN, {@code
     * CudnnConvolutionHelper} on a GPU), or {@code none (built-in Java path)}: the Java path is several times slower.
     */
    public static String helperOf(Layer layer) {
        try {
            Object helper = layer.getClass().getMethod("getHelper").invoke(layer);
            return helper == null ? NO_HELPER : helper.getClass().getSimpleName();
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }

    public static final String NO_HELPER = "none (built-in Java path)";

    /** The helper a convolution trains with in this process: the paper's MNIST baseline's first layer. */
    public static String convolutionHelper() {
        var net = NetworkFactory.build(ReferenceNetwork.MNIST_BASELINE.genome(), TrainingTask.paperFinal("mnist"),
                InputShape.MNIST, 10);
        try {
            return helperOf(net.getLayer(0));
        } finally {
            net.close();
        }
    }

    /**
     * Refuses to train on the CPU without oneDNN's convolution helper (DL4J's Java path measured 7.5 times slower),
     * unless {@code allow}: a benchmark must not measure the slow path unnoticed.
     *
     * @return the helper, for the benchmark's log
     * @throws IllegalStateException naming the helper found and the way out
     */
    public static String requireOneDnnHelpers(boolean allow) {
        String helper = convolutionHelper();
        if ("cpu".equals(name()) && !"MKLDNNConvHelper".equals(helper) && !allow) {
            throw new IllegalStateException("the CPU build trains without DL4J's oneDNN helpers (conv layer helper: "
                    + helper + "), several times slower; pass --allow-no-onednn to measure that anyway");
        }
        return helper;
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
