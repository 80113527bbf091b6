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
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
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

    /** The disk a run with weight inheritance keeps trained weights in (declared with the models' settings). */
    @ConfigProperty(name = "evocnn.models.weights-budget", defaultValue = "2G")
    io.quarkus.runtime.configuration.MemorySize weightsBudget;

    @ConfigProperty(name = "evocnn.runs-dir", defaultValue = "runs")
    Path runsDir;
    @Inject
    RequestSender sender;

    private final InstantSource clock = InstantSource.system();
    private final Map<String, EvolutionRun> runs = new ConcurrentHashMap<>();
    private final Map<String, JournalDamage> unreadable = new ConcurrentHashMap<>();
    private IgnoredResults unroutable; // guarded by this; its counts live in the runs directory
    private DeadLetters orphans; // guarded by this
    // one thread sends every run's offspring, so the result consumer goes on while the broker syncs a send
    private final ExecutorService sendThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dispatch");
        thread.setDaemon(true);
        return thread;
    });

    private RunLoader loader;

    private RunLoader loader() {
        if (loader == null) {
            loader = new RunLoader(clock, sender, sendThread, weightsBudget.asLongValue());
        }
        return loader;
    }

    /**
     * Rebuilds every run that has a journal (after the broker, before the result consumers). A damaged journal makes
     * its run damaged (read-only, or only listed when nothing of it can be read); the others are served as usual.
     */
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

    private void restore(String runId, Path file) {
        RunLoader.Loaded loaded = loader().load(runId, file);
        loaded.run().ifPresentOrElse(run -> {
            runs.put(runId, run);
            if (loaded.damage().isEmpty()) {
                Log.infof("run %s restored from its journal: %s, %d results", runId, run.snapshot().state(),
                        run.snapshot().stats().completed());
            }
        }, () -> unreadable.put(runId, loaded.damage().orElseThrow()));
    }

    /** Journals that give not even a run (empty, no configuration, unreadable configuration), by run id. */
    public Map<String, JournalDamage> unreadable() {
        return Map.copyOf(unreadable);
    }

    /**
     * Continues a damaged run from its journal's good lines (see {@link RunLoader#recover}).
     *
     * @throws RunDamagedException when it cannot be recovered
     */
    public synchronized EvolutionRun recover(EvolutionRun damaged) throws IOException {
        EvolutionRun recovered = loader().recover(damaged,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        runs.put(recovered.runId(), recovered);
        return recovered;
    }

    /** Creates and starts a run. */
    public EvolutionRun create(RunSpec spec) {
        String runId = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        try {
            RunJournal journal = RunJournal.open(runsDir.resolve(runId).resolve(JOURNAL));
            EvolutionRun run = loader().create(runId, spec, journal);
            runs.put(runId, run); // before the first request leaves, so no result finds its run missing
            run.start();
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal of " + runId, e);
        }
    }

    /** Where runs keep their directories. */
    public Path runsDir() {
        return runsDir;
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
                unroutable().ignored(IgnoredResults.Reason.UNKNOWN_RUN, result.evaluationId(),
                        "no run " + result.runId());
            } else if (run.damage().isPresent()) {
                holdFor(run, result);
            } else if (result.kind() == EvaluationKind.FINAL) {
                run.finals().accept(result);
            } else {
                byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(result);
            }
        }
        byRun.forEach(EvolutionRun::acceptAll);
    }

    /**
     * Keeps a result of a damaged run until it is recovered: it cannot be journaled, and must not be lost. Under the
     * registry's lock, as {@link #recover} is, so a result never lands in a file the recovery has already taken.
     */
    private synchronized void holdFor(EvolutionRun run, EvaluationResult result) {
        EvolutionRun current = runs.get(run.runId());
        if (current.damage().isEmpty()) { // recovered meanwhile
            if (result.kind() == EvaluationKind.FINAL) {
                current.finals().accept(result);
            } else {
                current.acceptAll(List.of(result));
            }
            return;
        }
        new HeldResults(run.journalFile().toAbsolutePath().getParent()).hold(result);
        Log.infof("result %s held for damaged run %s until it is recovered", result.evaluationId(), run.runId());
    }

    /**
     * Keeps a dead-lettered request in its run's directory, or in {@code <runs-dir>/dead-letters.jsonl} when it
     * names no run of this service.
     */
    public void keepDeadLetter(Optional<String> runId, DeadLetters.DeadLetter letter) {
        EvolutionRun run = runId.map(runs::get).orElse(null);
        if (run != null) {
            run.deadLetters().keep(letter);
        } else {
            orphanDeadLetters().keep(letter);
        }
    }

    /** Dead letters that name no run of this service. */
    public synchronized DeadLetters orphanDeadLetters() {
        if (orphans == null) {
            orphans = new DeadLetters(runsDir);
        }
        return orphans;
    }

    /** Results that reach no run: of runs this service does not have, or unreadable. */
    public synchronized IgnoredResults unroutable() {
        if (unroutable == null) {
            Path file = null;
            try {
                file = Files.createDirectories(runsDir).resolve(EvolutionRun.IGNORED_FILE);
            } catch (IOException e) {
                Log.warnf("runs directory %s not writable (%s): ignored-result counts kept in memory", runsDir,
                        e.getMessage());
            }
            unroutable = new IgnoredResults(file);
        }
        return unroutable;
    }

    /** Lets every run check its wall-clock budget. */
    public void pollAll() {
        runs.values().forEach(EvolutionRun::poll); // a damaged run ignores it
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
