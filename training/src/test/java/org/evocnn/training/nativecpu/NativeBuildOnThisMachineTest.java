package org.evocnn.training.nativecpu;

import org.evocnn.training.dl4j.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * On the machine running the tests, whatever its CPU: the build loaded is the one its flags call for, each build it
 * runs trains the same network to the same loss, each in its own JVM (a wrong choice kills that JVM, not the suite),
 * and one it cannot run is refused with one line and status 3 before anything loads.
 */
class NativeBuildOnThisMachineTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Pattern PROBE = Pattern.compile("loaded=(\\S+) helper=(\\S+) loss=([0-9.]+)");

    /**
     * Written from the rule, not from {@link NativeVariants}: what this machine must load of the builds the test
     * class path carries (the AVX-512 and generic ones; an AVX2 one too in a build made with it).
     */
    private static String expected(Set<String> flags) {
        Set<NativeVariant> carried = NativeVariants.carried();
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))
                && carried.contains(NativeVariant.ONEDNN_AVX512)) {
            return "linux-x86_64-onednn-avx512";
        }
        return flags.containsAll(Set.of("avx2", "fma")) && carried.contains(NativeVariant.ONEDNN_AVX2)
                ? "linux-x86_64-onednn-avx2" : "linux-x86_64-onednn";
    }

    @Test
    void thisProcessLoadedTheBuildItsCpuCallsFor() {
        Set<String> flags = CpuFlags.read(CpuFlags.PROC_CPUINFO);
        assertThat(Backend.device()).contains("oneDNN");
        // a suite run with EVOCNN_ND4J_VARIANT set (to try the build another CPU would load) loads that one
        String forced = System.getenv(NativeVariants.ENV);
        assertThat(NativeVariants.loaded()).contains(forced == null || forced.isBlank() ? expected(flags)
                : NativeVariant.byId(forced).orElseThrow().classifier());
        System.out.println("this CPU: " + Backend.device());
    }

    @Test
    void everyBuildThisCpuRunsTrainsToTheSameLoss() throws Exception {
        Set<String> flags = CpuFlags.read(CpuFlags.PROC_CPUINFO);
        Map<NativeVariant, Double> losses = new LinkedHashMap<>();
        for (NativeVariant v : NativeVariants.carried()) {
            if (!v.missing(flags).isEmpty()) {
                continue;
            }
            Probe probe = probe("-D" + NativeVariants.PROPERTY + "=" + v.id());
            assertThat(probe.status).as(probe.out).isZero();
            Matcher m = PROBE.matcher(probe.out);
            assertThat(m.find()).as(probe.out).isTrue();
            assertThat(m.group(1)).as("the build loaded").isEqualTo(v.classifier());
            assertThat(m.group(2)).as("oneDNN's helper on the convolution").isEqualTo("MKLDNNConvHelper");
            losses.put(v, Double.parseDouble(m.group(3)));
        }
        System.out.println("fixture loss after one epoch, per native build: " + losses);
        assertThat(losses).as("the generic build runs everywhere").containsKey(NativeVariant.ONEDNN);
        double first = losses.values().iterator().next();
        assertThat(losses.values()).allSatisfy(loss -> assertThat(loss).isCloseTo(first, within(1e-4)));
    }

    @Test
    void aBuildTheCpuLacksIsRefusedBeforeItLoads(@TempDir Path dir) throws Exception {
        // a CPU with AVX2 but no AVX-512, whatever this one has: the refusal must come before ND4J loads
        Path epyc = Files.writeString(dir.resolve("cpuinfo"), NativeVariantsTest.EPYC);
        Probe probe = probe("-D" + NativeVariants.CPUINFO_PROPERTY + "=" + epyc,
                "-D" + NativeVariants.PROPERTY + "=onednn-avx512");
        assertThat(probe.status).as(probe.out).isEqualTo(NativeVariantException.EXIT_STATUS);
        assertThat(probe.out.strip()).isEqualTo("refused: -Devocnn.nd4j.variant=onednn-avx512 needs CPU flags this "
                + "CPU lacks (avx512bw, avx512dq, avx512f, avx512vl); it would die of an illegal instruction. Leave "
                + "it unset to get " + expected(CpuFlags.parse(NativeVariantsTest.EPYC)).replace("linux-x86_64-", "")
                + ", the fastest one it runs.");

        Probe auto = probe("-D" + NativeVariants.CPUINFO_PROPERTY + "=" + epyc);
        assertThat(auto.status).as(auto.out).isZero();
        assertThat(auto.out).as("that CPU's own choice: no AVX-512 build").contains("loaded=" + expected(
                CpuFlags.parse(NativeVariantsTest.EPYC)));
    }

    private record Probe(int status, String out) {
    }

    private static Probe probe(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx1g"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VariantProbe.class.getName()));
        Process process = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        // drop ND4J's and JavaCPP's log lines: what is left is the probe's own
        String own = out.lines().filter(l -> l.startsWith("loaded=") || l.startsWith("refused:"))
                .reduce("", (a, b) -> a + b + "\n");
        return new Probe(process.exitValue(), own.isEmpty() ? out : own);
    }
}
