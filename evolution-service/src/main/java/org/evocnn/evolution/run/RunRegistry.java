package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.json.ModelJson;
import org.evocnn.evolution.jms.JmsDispatcher;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.TrainingTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** All runs of this service, each with its journal under {@code evocnn.runs-dir}; rebuilt from them on start. */
@ApplicationScoped
public class RunRegistry {

    static final String JOURNAL = "journal.jsonl";

    @ConfigProperty(name = "evocnn.runs-dir", defaultValue = "runs")
    Path runsDir;
    @Inject
    JmsDispatcher dispatcher;

    private final InstantSource clock = InstantSource.system();
    private final Map<String, EvolutionRun> runs = new ConcurrentHashMap<>();
    private final Map<String, FinalTraining> finals = new ConcurrentHashMap<>();
    // one thread sends every run's offspring, so the result consumer goes on while the broker syncs a send
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dispatch");
        thread.setDaemon(true);
        return thread;
    });

    /** Rebuilds every run that has a journal (after the broker, before the result consumers). */
    void restore(@Observes @Priority(2) StartupEvent event) throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve(JOURNAL);
                if (Files.isRegularFile(file)) {
                    restore(dir.getFileName().toString(), file);
                }
            }
        }
    }

    private void restore(String runId, Path file) throws IOException {
        List<JournalEntry> history = RunJournal.read(file);
        if (history.isEmpty() || !(history.get(0) instanceof JournalEntry.RunCreated created)) {
            Log.errorf("%s does not start with the run's configuration; run %s not restored", file, runId);
            return;
        }
        RunSpec spec = ModelJson.mapper().treeToValue(created.config(), RunSpec.class);
        EvolutionRun run = EvolutionRun.restore(runId, spec, RunJournal.open(file), history, clock, dispatcher,
                sender);
        runs.put(runId, run);
        FinalTraining.fromJournal(history).forEach(t -> finals.put(t.id(), t));
        Log.infof("run %s restored from its journal: %s, %d results", runId, run.evolution().state(),
                run.evolution().stats().completed());
    }

    /** Creates and starts a run. */
    public EvolutionRun create(RunSpec spec) {
        String runId = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        try {
            RunJournal journal = RunJournal.open(runsDir.resolve(runId).resolve(JOURNAL));
            EvolutionRun run = EvolutionRun.create(runId, spec, journal, clock, dispatcher, sender);
            runs.put(runId, run); // before the first request leaves, so no result finds its run missing
            run.start();
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal of " + runId, e);
        }
    }

    public Optional<EvolutionRun> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public Collection<EvolutionRun> all() {
        return runs.values();
    }

    /**
     * Trains a genome on the whole training set of a run's data set, {@code repeats} times (seeds 1..repeats), and
     * scores it on the test set. Each repeat is one {@code final} request.
     */
    public FinalTraining trainFinal(EvolutionRun run, String label, Genome genome, int repeats, int epochs) {
        if (repeats < 1 || repeats > 100) {
            throw new IllegalArgumentException("repeats: " + repeats + " is outside 1..100");
        }
        String id = run.runId() + "-final" + (finals.size() + 1);
        FinalTraining training = new FinalTraining(id, label, genome, repeats);
        finals.put(id, training);
        TrainingTask task = run.spec().task();
        List<EvaluationRequest> requests = new ArrayList<>();
        for (int n = 1; n <= repeats; n++) {
            TrainingTask finalTask = new TrainingTask(task.dataset(), task.folds(), epochs, task.batchSize(),
                    task.optimizer(), task.learningRate(), 0, n);
            requests.add(new EvaluationRequest(run.runId(), FinalTraining.evaluationId(id, n), EvaluationKind.FINAL,
                    genome, finalTask));
        }
        try {
            dispatcher.send(requests);
        } catch (RuntimeException e) {
            finals.remove(id);
            throw e;
        }
        // after the send, like a dispatch: a crash in between loses this final training (its results are then
        // ignored as unknown), never leaves one waiting for requests the broker does not have
        run.journalFinal(new JournalEntry.FinalRequested(clock.millis(), id, label, genome, repeats, epochs));
        return training;
    }

    public Optional<FinalTraining> finalTraining(String id) {
        return Optional.ofNullable(finals.get(id));
    }

    /** Hands a result to its run (or final training); results of unknown runs are logged and dropped. */
    public void deliver(EvaluationResult result) {
        deliverAll(List.of(result));
    }

    /** Hands a batch of results to their runs, in order; each run takes its share as one batch. */
    public void deliverAll(List<EvaluationResult> results) {
        Map<EvolutionRun, List<EvaluationResult>> byRun = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            FinalTraining training = finals.get(FinalTraining.finalIdOf(result.evaluationId()));
            EvolutionRun run = runs.get(result.runId());
            if (training != null) {
                if (!training.has(result.evaluationId())) {
                    if (run != null) { // journaled before it counts, as a run's results are
                        run.journalFinal(new JournalEntry.FinalResultReceived(clock.millis(), result));
                    }
                    training.accept(result);
                }
                continue;
            }
            if (run == null) {
                Log.warnf("result %s of unknown run %s ignored", result.evaluationId(), result.runId());
                continue;
            }
            byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(result);
        }
        byRun.forEach(EvolutionRun::acceptAll);
    }

    /** Lets every run check its wall-clock budget. */
    public void pollAll() {
        runs.values().forEach(EvolutionRun::poll);
    }

    void close(@Observes ShutdownEvent event) throws InterruptedException {
        sender.shutdown(); // a send under way finishes and is journaled; the rest is sent again after a restart
        if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
            Log.warn("a send to the broker did not finish within 10 s of shutdown");
        }
        for (EvolutionRun run : runs.values()) {
            try {
                run.close();
            } catch (IOException e) {
                Log.warnf("closing the journal of %s: %s", run.runId(), e.getMessage());
            }
        }
    }
}
