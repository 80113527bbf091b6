package org.evocnn.evolution.run;

import org.evocnn.engine.process.RunState;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Fitness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A run whose sends leave on their own thread, against evaluators that answer faster than the journal. */
class EvolutionRunTest {

    @TempDir
    Path dir;

    @Test
    void aResultThatOvertakesTheJournalEntryOfItsRequestIsJournaledAfterIt() throws Exception {
        RunSpec spec = RunSpecJson.read("""
                {"task": {"dataset": "mnist", "folds": 2, "epochs": 1},
                 "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 2, "seed": 5,
                               "termination": {"maxEvaluations": 8}}}""");
        AtomicReference<EvolutionRun> run = new AtomicReference<>();
        // the evaluator answers while send() has not returned yet, i.e. before the run can journal the dispatch
        RequestSender answersAtOnce = requests -> {
            List<EvaluationResult> results = requests.stream().map(r -> EvaluationResult.ok(r.id(),
                    Fitness.ofFolds(List.of(0.1 + r.sequence() / 100.0), List.of(0.9)),
                    NetworkAnalyzer.analyze(r.genome()).trainableParams(), 1.0, null)).toList();
            Thread evaluator = new Thread(() -> run.get().acceptAll(results));
            evaluator.start();
            try {
                evaluator.join(300); // still blocked when the run does its part: waiting for the journal entry
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Path file = dir.resolve("journal.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            run.set(new RunLoader(InstantSource.system(), answersAtOnce, sender).create("r", spec, journal));
            run.get().start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!run.get().snapshot().finished() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            sender.shutdownNow();
        }

        assertThat(run.get().snapshot().state()).isEqualTo(RunState.FINISHED);
        List<JournalEntry> entries = RunJournal.read(file);
        Map<String, Integer> dispatchedAt = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof JournalEntry.Dispatched d) {
                dispatchedAt.put(d.evaluationId(), i);
            }
        }
        assertThat(dispatchedAt).hasSize(8);
        int results = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof JournalEntry.ResultReceived r) {
                results++;
                assertThat(dispatchedAt.get(r.result().evaluationId()))
                        .as("journal line of the request of %s", r.result().evaluationId()).isLessThan(i);
            }
        }
        assertThat(results).isEqualTo(8);
    }
}
