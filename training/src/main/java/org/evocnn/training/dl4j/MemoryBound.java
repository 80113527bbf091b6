package org.evocnn.training.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An evaluator's bound on its own resident memory ({@code physical-memory-max}): a genome whose training may need more
 * than is left under it is refused before anything is built, and a training whose process grows past it is stopped at
 * the next batch and answered failed, so the evaluator lives on where the kernel would have killed it.
 */
public final class MemoryBound {

    /** No bound: every check passes. */
    public static final MemoryBound NONE = new MemoryBound(0, () -> 0);

    /** The process went past its bound; the message says by how much. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final long bytes;
    private final LongSupplier resident;

    /** A bound of {@code bytes} on this process' resident memory (0: none). */
    public MemoryBound(long bytes) {
        this(bytes, MemoryBound::residentBytes);
    }

    MemoryBound(long bytes, LongSupplier resident) {
        this.bytes = bytes;
        this.resident = resident;
    }

    public boolean limited() {
        return bytes > 0;
    }

    public long bytes() {
        return bytes;
    }

    /**
     * Bytes left under the bound now for a training: the bound less the resident memory and the heap the JVM may
     * still commit (networks live off-heap, but the heap can grow during one); {@code Long.MAX_VALUE} without one.
     */
    public long available() {
        if (!limited()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, bytes - resident.getAsLong() - uncommittedHeapBytes());
    }

    /** Heap the JVM may still commit: its maximum less what it has committed. */
    public static long uncommittedHeapBytes() {
        Runtime jvm = Runtime.getRuntime();
        return jvm.maxMemory() == Long.MAX_VALUE ? 0 : jvm.maxMemory() - jvm.totalMemory();
    }

    /** @throws Exceeded when the process' resident memory is above the bound, saying what was being done */
    public void check(String doing) {
        if (limited()) {
            long now = resident.getAsLong();
            if (now > bytes) {
                throw new Exceeded(String.format(Locale.ROOT, "memory bound reached %s: resident %,d MiB, bound "
                        + "%,d MiB", doing, now >> 20, bytes >> 20));
            }
        }
    }

    /** This process' resident memory now (VmRSS), in bytes; 0 where /proc is not there. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no reading, no bound
        }
        return 0;
    }
}
