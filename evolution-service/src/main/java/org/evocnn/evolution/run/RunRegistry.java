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
import org.evocnn.evolution.spec.RunSpec;
import org.evocnn.evolution.spec.RunSpecJson;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;

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

/**
 * All runs of this service, each with its journal under {@code evocnn.runs-dir}; rebuilt from them on start. Results
 * are routed by their id fields: the run, then the kind (fitness to the engine, final to the final trainings).
 */
@ApplicationScoped
public class RunRegistry {

    static final String JOURNAL = "journal.jsonl";

    @ConfigProperty(name = "evocnn.runs-dir", defaultValue = "runs")
    Path runsDir;
    @Inject
    RequestSender sender;

    private final InstantSource clock = InstantSource.system();
    private final Map<String, EvolutionRun> runs = new ConcurrentHashMap<>();
    // one thread sends every run's offspring, so the result consumer goes on while the broker syncs a send
    private final ExecutorService sendThread = Executors.newSingleThreadExecutor(r -> {
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
        RunSpec spec = RunSpecJson.readJournaled(created.config(), created.formatOrLegacy());
        EvolutionRun run = EvolutionRun.restore(runId, spec, RunJournal.open(file), history, clock, sender, sendThread);
        runs.put(runId, run);
        Log.infof("run %s restored from its journal: %s, %d results", runId, run.snapshot().state(),
                run.snapshot().stats().completed());
    }

    /** Creates and starts a run. */
    public EvolutionRun create(RunSpec spec) {
        String runId = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        try {
            RunJournal journal = RunJournal.open(runsDir.resolve(runId).resolve(JOURNAL));
            EvolutionRun run = EvolutionRun.create(runId, spec, journal, clock, sender, sendThread);
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

    /** Hands a result to its run; results of unknown runs are logged and dropped. */
    public void deliver(EvaluationResult result) {
        deliverAll(List.of(result));
    }

    /** Hands a batch of results to their runs, in order; each run takes its fitness results as one batch. */
    public void deliverAll(List<EvaluationResult> results) {
        Map<EvolutionRun, List<EvaluationResult>> byRun = new LinkedHashMap<>();
        for (EvaluationResult result : results) {
            EvolutionRun run = runs.get(result.runId());
            if (run == null) {
                Log.warnf("result %s of unknown run %s ignored", result.evaluationId(), result.runId());
            } else if (result.kind() == EvaluationKind.FINAL) {
                run.finals().accept(result);
            } else {
                byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(result);
            }
        }
        byRun.forEach(EvolutionRun::acceptAll);
    }

    /** Lets every run check its wall-clock budget. */
    public void pollAll() {
        runs.values().forEach(EvolutionRun::poll);
    }

    void close(@Observes ShutdownEvent event) throws InterruptedException {
        sendThread.shutdown(); // a send under way finishes and is journaled; the rest is sent again after a restart
        if (!sendThread.awaitTermination(10, TimeUnit.SECONDS)) {
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
