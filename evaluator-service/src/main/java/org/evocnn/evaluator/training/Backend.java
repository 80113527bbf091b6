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
