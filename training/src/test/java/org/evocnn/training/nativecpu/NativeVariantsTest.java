package org.evocnn.training.nativecpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.evocnn.training.nativecpu.NativeVariant.ONEDNN;
import static org.evocnn.training.nativecpu.NativeVariant.ONEDNN_AVX2;
import static org.evocnn.training.nativecpu.NativeVariant.ONEDNN_AVX512;

/** The build chosen is a function of the CPU's flags, the carried builds and what a user asked for. */
class NativeVariantsTest {

    /** A Xeon (Cascade Lake) as Linux lists it, shortened. */
    static final String XEON = """
            processor	: 0
            vendor_id	: GenuineIntel
            model name	: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz
            flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni
            bogomips	: 4999.99

            processor	: 1
            flags		: fpu sse sse2
            """;
    /** An AMD EPYC (Zen 3): AVX2 and FMA, no AVX-512. */
    static final String EPYC = """
            processor	: 0
            vendor_id	: AuthenticAMD
            model name	: AMD EPYC 7R13 Processor
            flags		: fpu vme de pse tsc msr pae mce cx8 apic sep sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand fma cx16 avx2 bmi1 bmi2 sha_ni
            """;
    /** An old Xeon (Westmere): SSE 4.2, no AVX at all. */
    static final String WESTMERE = """
            processor	: 0
            model name	: Intel(R) Xeon(R) CPU X5670 @ 2.93GHz
            flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ssse3 cx16 sse4_1 sse4_2 popcnt aes
            """;
    /** AVX-512 foundation without the byte/word instructions (Knights Landing): not enough for the AVX-512 build. */
    static final String KNIGHTS_LANDING = "flags : sse sse2 fma avx avx2 avx512f avx512cd avx512er avx512pf\n";

    static final Set<NativeVariant> ALL = EnumSet.allOf(NativeVariant.class);

    @Test
    void eachCpuGetsTheFastestCarriedBuildItRuns() {
        assertThat(auto(XEON, ALL).variant()).isEqualTo(ONEDNN_AVX512);
        assertThat(auto(EPYC, ALL).variant()).isEqualTo(ONEDNN_AVX2);
        assertThat(auto(WESTMERE, ALL).variant()).isEqualTo(ONEDNN);
        assertThat(auto(KNIGHTS_LANDING, ALL).variant()).isEqualTo(ONEDNN_AVX2);
    }

    @Test
    void theReasonNamesWhatTheCpuHasAndLacks() {
        assertThat(auto(XEON, ALL).reason()).contains("avx512bw, avx512dq, avx512f, avx512vl");
        assertThat(auto(EPYC, ALL).reason()).contains("it has avx2, fma")
                .contains("not onednn-avx512, it lacks avx512bw, avx512dq, avx512f, avx512vl");
        assertThat(auto(KNIGHTS_LANDING, ALL).reason()).contains("it lacks avx512bw, avx512dq, avx512vl");
        assertThat(auto(WESTMERE, ALL).reason()).contains("not onednn-avx2, it lacks avx2, fma");
    }

    @Test
    void onlyCarriedBuildsAreChosen() {
        assertThat(auto(XEON, EnumSet.of(ONEDNN_AVX2, ONEDNN)).variant()).isEqualTo(ONEDNN_AVX2);
        assertThat(auto(XEON, EnumSet.of(ONEDNN)).variant()).isEqualTo(ONEDNN);
        assertThatThrownBy(() -> auto(EPYC, EnumSet.of(ONEDNN_AVX512)))
                .isInstanceOf(NativeVariantException.class)
                .hasMessageContaining("no ND4J CPU build evocnn carries runs on this CPU")
                .hasMessageContaining("onednn-avx512 needs avx512bw, avx512dq, avx512f, avx512vl")
                .hasMessageContaining("-Dnd4j.classifier=linux-x86_64-onednn")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anEmptyOrMissingCpuinfoGivesTheGenericBuild(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("cpuinfo"), "");
        assertThat(CpuFlags.read(empty)).isEmpty();
        assertThat(CpuFlags.read(dir.resolve("absent"))).isEmpty();
        assertThat(CpuFlags.read(dir)).as("a directory").isEmpty();
        assertThat(NativeVariants.choose(CpuFlags.read(empty), ALL, Optional.empty(), "-").variant())
                .isEqualTo(ONEDNN);
        assertThat(NativeVariants.choose(CpuFlags.parse("flags:\n"), ALL, Optional.empty(), "-").variant())
                .isEqualTo(ONEDNN);
        assertThat(NativeVariants.choose(CpuFlags.parse("garbage \u0000 avx2 fma\n"), ALL, Optional.empty(), "-")
                .variant()).as("flags only count on a flags line").isEqualTo(ONEDNN);
    }

    @Test
    void flagsAreTheFirstProcessorsWholeWords() {
        assertThat(CpuFlags.parse(XEON)).contains("avx512f", "avx512_vnni", "fma").doesNotContain("avx512");
        assertThat(CpuFlags.parse(EPYC)).contains("avx2", "fma").noneMatch(f -> f.startsWith("avx512"));
    }

    @Test
    void aBuildAskedForIsTakenWhenTheCpuRunsIt() {
        var choice = NativeVariants.choose(CpuFlags.parse(XEON), ALL, Optional.of("onednn-avx2"),
                "EVOCNN_ND4J_VARIANT");
        assertThat(choice.variant()).isEqualTo(ONEDNN_AVX2);
        assertThat(choice.reason()).isEqualTo("asked for by EVOCNN_ND4J_VARIANT");
        assertThat(NativeVariants.choose(CpuFlags.parse(EPYC), ALL, Optional.of(" onednn "), "x").variant())
                .isEqualTo(ONEDNN);
    }

    @Test
    void aBuildTheCpuCannotRunIsRefusedSayingWhy() {
        assertThatThrownBy(() -> NativeVariants.choose(CpuFlags.parse(EPYC), ALL, Optional.of("onednn-avx512"),
                "EVOCNN_ND4J_VARIANT"))
                .isInstanceOf(NativeVariantException.class)
                .hasMessage("EVOCNN_ND4J_VARIANT=onednn-avx512 needs CPU flags this CPU lacks (avx512bw, avx512dq, "
                        + "avx512f, avx512vl); it would die of an illegal instruction. Leave it unset to get "
                        + "onednn-avx2, the fastest one it runs.");
        assertThatThrownBy(() -> NativeVariants.choose(CpuFlags.parse(WESTMERE), ALL, Optional.of("onednn-avx2"),
                "-Devocnn.nd4j.variant"))
                .hasMessageStartingWith("-Devocnn.nd4j.variant=onednn-avx2 needs CPU flags this CPU lacks (avx2, fma)");
    }

    @Test
    void unknownOrUncarriedBuildsAreRefused() {
        assertThatThrownBy(() -> NativeVariants.choose(CpuFlags.parse(XEON), ALL, Optional.of("avx512"), "V"))
                .isInstanceOf(NativeVariantException.class)
                .hasMessage("V=avx512 is not an ND4J build evocnn knows; use one of onednn-avx512, onednn-avx2, "
                        + "onednn");
        assertThatThrownBy(() -> NativeVariants.choose(CpuFlags.parse(XEON), EnumSet.of(ONEDNN_AVX2),
                Optional.of("onednn-avx512"), "V"))
                .hasMessage("V=onednn-avx512 asks for a build this installation does not carry (it has "
                        + "onednn-avx2)");
    }

    @Test
    void variantsMapToTheirJarsAndJavaCppExtensions() {
        assertThat(ONEDNN_AVX2.classifier()).isEqualTo("linux-x86_64-onednn-avx2");
        assertThat(ONEDNN_AVX2.extension()).isEqualTo("-onednn-avx2");
        assertThat(NativeVariant.byFolderOrExtension("-onednn-avx512")).contains(ONEDNN_AVX512);
        assertThat(NativeVariant.byFolderOrExtension("linux-x86_64-onednn")).contains(ONEDNN);
        assertThat(NativeVariant.byFolderOrExtension("-avx2")).isEmpty();
    }

    private static NativeVariants.Choice auto(String cpuinfo, Set<NativeVariant> carried) {
        return NativeVariants.choose(CpuFlags.parse(cpuinfo), carried, Optional.empty(), "-");
    }
}
