package org.evocnn.training.nativecpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** The feature flags of the CPU as Linux lists them in {@code /proc/cpuinfo}. */
public final class CpuFlags {

    public static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    private CpuFlags() {
    }

    /**
     * The flags of the first processor listed. A missing or unreadable file, or one without a flags line, gives no
     * flags: only the generic build is then chosen, which runs anywhere.
     */
    public static Set<String> read(Path cpuinfo) {
        try {
            return parse(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    static Set<String> parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                return new TreeSet<>(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
            }
        }
        return Set.of();
    }
}
