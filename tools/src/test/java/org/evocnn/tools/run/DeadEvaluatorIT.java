package org.evocnn.tools.run;

import org.evocnn.launcher.LocalProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluator that dies at start (here: asked for an ND4J build that does not exist, which the packaged evaluator
 * refuses in one line with status 3) is noticed: by the launcher, and by the local run, which stops at once with
 * the evaluator's status and the end of its log instead of printing "0 evaluations done" for its whole budget.
 */
class DeadEvaluatorIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String REFUSAL = "-Devocnn.nd4j.variant=avx9000 is not an ND4J build evocnn knows";

    @Test
    void theLauncherReportsAnEvaluatorThatExitsWithItsStatusAndLog(@TempDir Path tmp) throws Exception {
        try (LocalProcesses processes = new LocalProcesses(tmp)) {
            processes.start("evaluator-1", LocalProcesses.evaluatorJar(ROOT),
                    List.of("-Dquarkus.http.port=0", "-Devocnn.nd4j.variant=avx9000"), Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (processes.exits().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(processes.exits()).as("the evaluator's exit, noticed").hasSize(1);
            LocalProcesses.Exit exit = processes.exits().get(0);
            assertThat(exit.name()).isEqualTo("evaluator-1");
            assertThat(exit.status()).isEqualTo(3);
            assertThat(exit.describe()).startsWith("evocnn: evaluator-1 (pid " + exit.pid() + ") exited with status 3")
                    .contains("the last lines of " + tmp.resolve("evaluator-1.log"))
                    .contains("evocnn evaluator cannot start: " + REFUSAL);
        }
    }

    @Test
    void aProcessStoppedOnPurposeIsNotReported(@TempDir Path tmp) throws Exception {
        try (LocalProcesses processes = new LocalProcesses(tmp)) {
            Process p = processes.start("evaluator-1", LocalProcesses.evaluatorJar(ROOT),
                    List.of("-Dquarkus.http.port=0", "-Devocnn.evaluator.mode=simulated"), Map.of());
            processes.stop(p);
            Thread.sleep(500);
            assertThat(p.isAlive()).isFalse();
            assertThat(processes.exits()).isEmpty();
        }
    }

    @Test
    void theLocalRunStopsAtOnceSayingWhichEvaluatorDiedAndWhy(@TempDir Path tmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder run = new ProcessBuilder(java.toString(), "-Devocnn.root=" + ROOT,
                "-cp", System.getProperty("java.class.path"), LocalRun.class.getName(),
                "--minutes", "5", "--data", ROOT.resolve("training/src/test/resources/fixture").toString(),
                "--work", tmp.resolve("work").toString()).redirectErrorStream(true);
        // the evaluators get it from the run's environment, as a user's shell would give it
        run.environment().put("EVOCNN_ND4J_VARIANT", "avx9000");
        long started = System.nanoTime();
        Process process = run.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as(out).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(process.exitValue()).as(out).isEqualTo(LocalProcesses.CHILD_EXITED);
        assertThat(out).contains("evocnn: evaluator-1 (pid").contains("exited with status 3")
                .contains("EVOCNN_ND4J_VARIANT=avx9000 is not an ND4J build evocnn knows")
                .doesNotContain("0 evaluations done");
        assertThat(seconds).as("well before its 5 minutes").isLessThan(150);
        assertThat(tmp.resolve("work/evolution-service.log")).exists();
    }
}
