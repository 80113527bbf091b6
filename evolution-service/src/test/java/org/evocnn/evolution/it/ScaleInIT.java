package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-in that wastes no work, with packaged evaluators over the real broker: one evaluation of fifteen folds, whose
 * evaluator is stopped with SIGTERM (what Kubernetes sends) five times in a row, more than the broker's three delivery
 * attempts. Each stopped evaluator finishes its fold and hands the request on with the folds done; the evaluation
 * completes exactly once, no fold is trained twice, nothing is dead-lettered and nothing fails.
 */
class ScaleInIT {

    // each stopped evaluator trains about two folds (the one it waits for and the one in progress at SIGTERM), so
    // 15 folds leave work for the sixth after five stops
    private static final int FOLDS = 15;
    private static final Pattern FOLD = Pattern.compile("fold (\\d+) of " + FOLDS + " trained");
    private static final int FOLD_SECONDS = 2;

    @Test
    void anEvaluationStoppedFiveTimesCompletesOnceWithoutTrainingAFoldTwice(@TempDir Path work) throws Exception {
        try (Cluster cluster = new Cluster(work)) {
            cluster.startService();
            String runId = cluster.createRun("""
                    {"task": {"folds": %d, "epochs": 1},
                     "evolution": {"popSize": 2, "minPopSize": 1, "maxInFlight": 1,
                                   "termination": {"maxEvaluations": 1}}}""".formatted(FOLDS));
            Path journal = work.resolve("runs").resolve(runId).resolve("journal.jsonl");
            JournalEntry.Dispatched request = awaitDispatched(journal);
            // the simulated cost is per forward MFLOP: make each fold take about two seconds
            double mflops = NetworkAnalyzer.analyze(request.genome()).flopsPerSample() / 1e6;
            double secondsPerMflop = FOLDS * FOLD_SECONDS / mflops;

            List<Path> logs = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                String name = "evaluator-" + i;
                Process evaluator = cluster.startEvaluator(name, secondsPerMflop);
                Path log = cluster.processes.log(name);
                logs.add(log);
                awaitLog(log, FOLD, 120);
                evaluator.destroy(); // SIGTERM
                assertThat(evaluator.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(Files.readString(log)).as(name + " hands the evaluation on").contains("handed on after");
            }
            cluster.startEvaluator("evaluator-6", secondsPerMflop);
            logs.add(cluster.processes.log("evaluator-6"));
            JsonNode status = cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"));

            assertThat(status.path("evaluations").path("ok").asInt()).isEqualTo(1);
            assertThat(status.path("evaluations").path("failed").asInt()).isZero();
            assertThat(status.path("evaluations").path("deadLetters").asInt()).isZero();
            cluster.assertExactlyOnce(runId, 1);

            int[] trained = new int[FOLDS + 1];
            int total = 0;
            for (Path log : logs) {
                Matcher m = FOLD.matcher(Files.readString(log));
                while (m.find()) {
                    trained[Integer.parseInt(m.group(1))]++;
                    total++;
                }
            }
            for (int fold = 1; fold <= FOLDS; fold++) {
                assertThat(trained[fold]).as("fold " + fold + " trained once").isEqualTo(1);
            }
            JsonNode result = cluster.service.get("/api/runs/" + runId + "/evaluations").path("evaluations").path(0);
            String line = String.format(Locale.ROOT, "scale-in: 1 evaluation of %d folds stopped 5 times by SIGTERM "
                            + "across 6 evaluators: %d fold trainings (%d without interruptions), the last evaluator "
                            + "reported %.1f evaluator-seconds for its %d folds; 0 failed, 0 dead letters",
                    FOLDS, total, FOLDS, result.path("wallSeconds").asDouble(), FOLDS - countHandedOnFolds(logs));
            System.out.println(line);
            Files.writeString(Path.of("target/scale-in.txt"), line + "\n");
        }
    }

    /** Folds done before the last evaluator took over: what its predecessors trained. */
    private static int countHandedOnFolds(List<Path> logs) throws Exception {
        int n = 0;
        for (Path log : logs.subList(0, logs.size() - 1)) {
            Matcher m = FOLD.matcher(Files.readString(log));
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    private static JournalEntry.Dispatched awaitDispatched(Path journal) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(journal)) {
                for (JournalEntry e : RunJournal.read(journal)) {
                    if (e instanceof JournalEntry.Dispatched d) {
                        return d;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request dispatched");
    }

    private static void awaitLog(Path log, Pattern pattern, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && pattern.matcher(Files.readString(log)).find()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(log + " never matched " + pattern);
    }
}
