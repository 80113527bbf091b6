package org.evocnn.evaluator.training;

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

    /** Turns DL4J's C++ (oneDNN / cuDNN) layer helpers on: 1.0.0-M2.1 disables them by default. */
    public static synchronized void init() {
        if (!initialised) {
            System.setProperty("org.eclipse.deeplearning4j.helpers.disable",
                    System.getProperty("org.eclipse.deeplearning4j.helpers.disable", "false"));
            initialised = true;
        }
    }

    /** {@code cpu} or {@code cuda}. */
    public static String name() {
        init();
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "unknown");
        return backend.toLowerCase(Locale.ROOT);
    }

    /** The device: CPU model and core count, or the GPU's name. */
    public static String device() {
        init();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        if ("cuda".equals(name())) {
            Object devices = env.get("cuda.devicesInformation");
            return devices == null ? "cuda" : devices.toString();
        }
        return cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (oneDnnEnabled() ? "oneDNN" : "no oneDNN");
    }

    /** Whether DL4J's oneDNN layer helpers can load (the bridge class finds oneDNN). */
    public static boolean oneDnnEnabled() {
        init();
        try {
            return org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN()
                    && Nd4j.getEnvironment().helpersAllowed();
        } catch (Throwable t) {
            return false;
        }
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
