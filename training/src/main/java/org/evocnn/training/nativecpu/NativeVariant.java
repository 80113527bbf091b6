package org.evocnn.training.nativecpu;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU builds of ND4J's native library evocnn carries, fastest first, with the CPU flags each one's code uses.
 * An AVX-512 build on a CPU without AVX-512 dies of SIGILL inside libnd4jcpu: JavaCPP loads what it finds and never
 * checks the CPU, so the choice is made here, before ND4J loads.
 */
public enum NativeVariant {
    ONEDNN_AVX512("onednn-avx512", Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq")),
    ONEDNN_AVX2("onednn-avx2", Set.of("avx2", "fma")),
    /** The generic x86-64 build: runs on any x86-64 CPU. */
    ONEDNN("onednn", Set.of());

    private final String id;
    private final Set<String> needs;

    NativeVariant(String id, Set<String> needs) {
        this.id = id;
        this.needs = needs;
    }

    /** The name users give and logs show: {@code onednn-avx2}. */
    public String id() {
        return id;
    }

    /** JavaCPP's platform extension: the suffix of the folder {@code linux-x86_64-onednn-avx2/} in the jar. */
    public String extension() {
        return "-" + id;
    }

    /** The Maven classifier of the nd4j-native jar that holds it. */
    public String classifier() {
        return "linux-x86_64" + extension();
    }

    /** The JNI library this build's jar holds: present on the class path exactly when the jar is. */
    String resource() {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/" + classifier() + "/libjnind4jcpu.so";
    }

    /** What it needs that the CPU lacks, sorted; empty when it runs there. */
    public Set<String> missing(Set<String> cpuFlags) {
        Set<String> missing = new TreeSet<>(needs);
        missing.removeAll(cpuFlags);
        return missing;
    }

    /** The flags its code uses, sorted. */
    public Set<String> needs() {
        return new TreeSet<>(needs);
    }

    public static Optional<NativeVariant> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id.strip())).findFirst();
    }

    /** From a JavaCPP extension ({@code -onednn-avx2}) or a jar folder name ({@code linux-x86_64-onednn-avx2}). */
    static Optional<NativeVariant> byFolderOrExtension(String name) {
        return Arrays.stream(values()).filter(v -> name.equals(v.extension()) || name.equals(v.classifier()))
                .findFirst();
    }
}
