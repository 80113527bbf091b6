package org.evocnn.training.nativecpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses which carried ND4J CPU build this process loads, from the CPU's own flags, and tells JavaCPP before ND4J
 * loads (its {@code org.bytedeco.javacpp.platform.extension} property, read once, when its first class loads). Every
 * entry point calls {@link #select()} first: {@code Backend.init()} does, the evaluator's main does before Quarkus
 * starts, and the test suites' launcher listeners do before any test.
 *
 * <p>Without a choice JavaCPP takes the first of the carried builds in its own order, whatever the CPU.
 */
public final class NativeVariants {

    /** Asks for a build by name ({@code onednn-avx512}, {@code onednn-avx2}, {@code onednn}). */
    public static final String ENV = "EVOCNN_ND4J_VARIANT";
    public static final String PROPERTY = "evocnn.nd4j.variant";
    /** Where the CPU's flags are read from (default {@code /proc/cpuinfo}). */
    public static final String CPUINFO_PROPERTY = "evocnn.nd4j.cpuinfo";
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** What was chosen and why, for logs, health and results. */
    public record Choice(NativeVariant variant, String reason) {
        @Override
        public String toString() {
            return variant.id() + " (" + reason + ")";
        }
    }

    private static Optional<Choice> selected = Optional.empty();
    private static boolean done;

    private NativeVariants() {
    }

    /**
     * The build to load: the one asked for when the CPU has what it needs, else the fastest carried one the CPU
     * runs. A pure function of its arguments.
     *
     * @param asked a variant's id, and who asked for it ({@code EVOCNN_ND4J_VARIANT}), when someone did
     * @throws NativeVariantException when the asked-for build is unknown, not carried or needs what the CPU lacks, or
     *                                when no carried build runs on this CPU
     */
    public static Choice choose(Set<String> cpuFlags, Set<NativeVariant> carried, Optional<String> asked,
                                String askedBy) {
        if (asked.isPresent()) {
            NativeVariant wanted = NativeVariant.byId(asked.get()).orElseThrow(() -> new NativeVariantException(
                    askedBy + "=" + asked.get() + " is not an ND4J build evocnn knows; use one of " + ids(
                    EnumSet.allOf(NativeVariant.class))));
            if (!carried.contains(wanted)) {
                throw new NativeVariantException(askedBy + "=" + wanted.id() + " asks for a build this installation "
                        + "does not carry (it has " + ids(carried) + ")");
            }
            Set<String> missing = wanted.missing(cpuFlags);
            if (!missing.isEmpty()) {
                throw new NativeVariantException(askedBy + "=" + wanted.id() + " needs CPU flags this CPU lacks ("
                        + String.join(", ", missing) + "); it would die of an illegal instruction. "
                        + fits(cpuFlags, carried));
            }
            return new Choice(wanted, "asked for by " + askedBy);
        }
        for (NativeVariant v : NativeVariant.values()) {
            if (carried.contains(v) && v.missing(cpuFlags).isEmpty()) {
                return new Choice(v, reason(v, cpuFlags, carried));
            }
        }
        throw new NativeVariantException("no ND4J CPU build evocnn carries runs on this CPU: "
                + carried.stream().map(v -> v.id() + " needs " + String.join(", ", v.needs()))
                .collect(Collectors.joining("; "))
                + "; build with -Dnd4j.classifier=linux-x86_64-onednn for the generic one (docs/evaluator.md)");
    }

    /**
     * Makes the choice for this process once and hands it to JavaCPP; a no-op outside Linux x86-64 and where no CPU
     * build is carried (the CUDA build). A JavaCPP extension already set by hand that names a known build counts as
     * asked for; any other is left as it is.
     *
     * @return the choice, empty when there is none to make
     * @throws NativeVariantException as {@link #choose}; thrown again by every later call
     */
    public static synchronized Optional<Choice> select() {
        if (done) {
            return selected;
        }
        Set<NativeVariant> carried = carried();
        if (!isLinuxX86() || carried.isEmpty()) {
            done = true;
            return selected;
        }
        String javacpp = System.getProperty(JAVACPP_EXTENSION);
        Optional<String> asked = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank());
        String askedBy = "-D" + PROPERTY;
        if (asked.isEmpty()) {
            asked = Optional.ofNullable(System.getenv(ENV)).filter(s -> !s.isBlank());
            askedBy = ENV;
        }
        if (asked.isEmpty() && javacpp != null) {
            Optional<NativeVariant> byHand = NativeVariant.byFolderOrExtension(javacpp);
            if (byHand.isEmpty()) {
                done = true;
                return selected; // someone who knows JavaCPP chose something else: theirs
            }
            asked = Optional.of(byHand.get().id());
            askedBy = "-D" + JAVACPP_EXTENSION;
        }
        Path cpuinfo = Path.of(System.getProperty(CPUINFO_PROPERTY, CpuFlags.PROC_CPUINFO.toString()));
        Choice choice = choose(CpuFlags.read(cpuinfo), carried, asked, askedBy);
        System.setProperty(JAVACPP_EXTENSION, choice.variant().extension());
        selected = Optional.of(choice);
        done = true;
        return selected;
    }

    /** The builds whose jars are on this class path. */
    public static Set<NativeVariant> carried() {
        ClassLoader loader = NativeVariants.class.getClassLoader();
        Set<NativeVariant> carried = EnumSet.noneOf(NativeVariant.class);
        for (NativeVariant v : NativeVariant.values()) {
            if (loader.getResource(v.resource()) != null) {
                carried.add(v);
            }
        }
        return carried;
    }

    /**
     * The build this process really loaded, read from its memory map (Linux), by the folder JavaCPP unpacked
     * {@code libnd4jcpu.so} from; empty before ND4J has loaded or elsewhere.
     */
    public static Optional<String> loaded() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.endsWith("/libnd4jcpu.so"))
                    .map(l -> Path.of(l.substring(l.indexOf('/'))).getParent().getFileName().toString())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String reason(NativeVariant chosen, Set<String> flags, Set<NativeVariant> carried) {
        StringBuilder why = new StringBuilder("the fastest carried build this CPU runs");
        if (!chosen.needs().isEmpty()) {
            why.append(": it has ").append(String.join(", ", chosen.needs()));
        }
        for (NativeVariant faster : NativeVariant.values()) {
            if (faster == chosen) {
                break;
            }
            if (carried.contains(faster)) {
                why.append("; not ").append(faster.id()).append(", it lacks ")
                        .append(String.join(", ", faster.missing(flags)));
            }
        }
        return why.toString();
    }

    private static String fits(Set<String> flags, Set<NativeVariant> carried) {
        return Arrays.stream(NativeVariant.values()).filter(v -> carried.contains(v) && v.missing(flags).isEmpty())
                .findFirst().map(v -> "Leave it unset to get " + v.id() + ", the fastest one it runs.")
                .orElse("No carried build runs on it.");
    }

    private static String ids(Set<NativeVariant> variants) {
        return variants.stream().map(NativeVariant::id).collect(Collectors.joining(", "));
    }

    private static boolean isLinuxX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}
