package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Makes runs from journals: a new run, a run restored from its journal, and, when a journal is damaged, a read-only
 * run from its good lines, and its recovery. A damaged journal never stops the service: every problem of one run's
 * journal (an unreadable line, an empty file, no configuration, a configuration this version cannot read, a replay
 * that disagrees with the record) makes that run damaged and leaves the others alone.
 */
public final class RunLoader {

    /** A run, or what is known of a journal that does not even give one. */
    public record Loaded(Optional<EvolutionRun> run, Optional<JournalDamage> damage) {
    }

    private final InstantSource clock;
    private final RequestSender sender;
    private final Executor sendThread;
    private final long weightsBudget;

    public RunLoader(InstantSource clock, RequestSender sender, Executor sendThread) {
        this(clock, sender, sendThread, Long.MAX_VALUE);
    }

    /** @param weightsBudget the disk a run with weight inheritance may keep trained weights in, in bytes */
    public RunLoader(InstantSource clock, RequestSender sender, Executor sendThread, long weightsBudget) {
        this.clock = clock;
        this.sender = sender;
        this.sendThread = sendThread;
        this.weightsBudget = weightsBudget;
    }

    /** A new run, journaled from its first line; {@link EvolutionRun#start()} sends its first requests. */
    public EvolutionRun create(String runId, RunSpec spec, RunJournal journal) {
        EvolutionRun run = new EvolutionRun(runId, spec, new RunRecorder(journal, clock), clock, sender, sendThread,
                null, Optional.empty(), weightsBudget);
        run.recorder().created(runId, spec);
        return run;
    }

    /**
     * A run rebuilt from its journal; requests it had journaled are not sent again, offspring bred from results
     * journaled after them are.
     */
    public EvolutionRun restore(String runId, RunSpec spec, RunJournal journal, List<JournalEntry> history) {
        EvolutionRun run = new EvolutionRun(runId, spec, new RunRecorder(journal, clock), clock, sender, sendThread,
                history, Optional.empty(), weightsBudget);
        run.outbox().requestSend();
        return run;
    }

    /**
     * The run of a journal file: restored when the journal is sound, read-only from its good lines when a line is
     * damaged, and only its damage when not even the configuration can be read.
     */
    public Loaded load(String runId, Path file) {
        RunJournal.Contents contents;
        try {
            contents = RunJournal.load(file);
        } catch (IOException e) {
            return damaged(new JournalDamage(file, 1, "cannot be read: " + e, false));
        }
        List<JournalEntry> entries = contents.entries();
        if (entries.isEmpty() || !(entries.get(0) instanceof JournalEntry.RunCreated created)) {
            String reason = contents.damage().map(d -> d.reason())
                    .orElse(entries.isEmpty() ? "empty journal: no run configuration"
                            : "does not start with the run's configuration");
            return damaged(new JournalDamage(file, 1, reason, false));
        }
        RunSpec spec;
        try {
            spec = RunSpecJson.readJournaled(created.config(), created.formatOrLegacy());
        } catch (InvalidJsonException e) {
            return damaged(new JournalDamage(file, 1, "unreadable run configuration: " + e.getMessage(), false));
        }
        if (contents.damage().isPresent()) {
            RunJournal.Damage d = contents.damage().get();
            return readOnly(runId, spec, file, entries, new JournalDamage(file, d.line(), d.reason(), true));
        }
        try {
            return new Loaded(Optional.of(restore(runId, spec, RunJournal.open(file), entries)), Optional.empty());
        } catch (IllegalStateException e) { // the replay disagrees with the record
            return readOnly(runId, spec, file, List.of(created),
                    new JournalDamage(file, 1, "does not replay: " + e.getMessage(), false));
        } catch (IOException e) {
            return damaged(new JournalDamage(file, 1, "cannot be opened: " + e, false));
        }
    }

    /** A damaged run viewable from its good lines, or only its damage when even they do not replay. */
    private Loaded readOnly(String runId, RunSpec spec, Path file, List<JournalEntry> goodLines,
                            JournalDamage damage) {
        Log.errorf("run %s is damaged, read-only%s: %s", runId,
                damage.recoverable() ? " until recovered" : "", damage);
        try {
            return new Loaded(Optional.of(readOnlyRun(runId, spec, file, goodLines, damage)), Optional.of(damage));
        } catch (IllegalStateException e) {
            return damaged(new JournalDamage(file, damage.line(), damage.reason() + "; its good lines do not replay: "
                    + e.getMessage(), false));
        }
    }

    private static Loaded damaged(JournalDamage damage) {
        Log.errorf("journal %s is damaged and cannot be restored", damage);
        return new Loaded(Optional.empty(), Optional.of(damage));
    }

    /** A damaged run as its good lines left it: viewable, read-only. */
    EvolutionRun readOnlyRun(String runId, RunSpec spec, Path file, List<JournalEntry> goodLines, JournalDamage damage) {
        RequestSender refuses = requests -> {
            throw new RunDamagedException(runId, damage);
        };
        return new EvolutionRun(runId, spec, RunRecorder.readOnly(file, clock), clock, refuses, Runnable::run,
                goodLines, Optional.of(damage), weightsBudget);
    }

    /**
     * How a recovered run numbers its next candidates: past the highest number its journal ever gave. The good lines
     * say how far they went; the lost tail may have dispatched more, so the numbers it holds (read even from lines
     * that do not parse) count, and at least one number per lost line is skipped, since a line records at most one
     * dispatch. Empty when nothing can have been lost.
     */
    static java.util.Optional<JournalEntry.Renumbered> renumbering(List<JournalEntry> good, byte[] all,
                                                                  long goodLength) {
        // cache hits take numbers without a dispatch: their results count too
        long next = 1 + good.stream().mapToLong(e -> e instanceof JournalEntry.Dispatched d ? d.sequence()
                : e instanceof JournalEntry.ResultReceived r && r.result().sequence() != null ? r.result().sequence()
                : 0).max().orElse(0);
        String tail = new String(all, (int) goodLength, all.length - (int) goodLength,
                java.nio.charset.StandardCharsets.UTF_8);
        long lines = tail.lines().filter(l -> !l.isBlank()).count();
        long highest = next - 1 + lines;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"sequence\"\\s*:\\s*(\\d{1,18})")
                .matcher(tail);
        while (m.find()) {
            highest = Math.max(highest, Long.parseLong(m.group(1)));
        }
        return highest < next ? java.util.Optional.empty() : java.util.Optional.of(
                new JournalEntry.Renumbered(System.currentTimeMillis(), next, highest + 1));
    }

    /**
     * Continues a damaged run from its good lines: the damaged journal is kept beside the new one
     * ({@code journal.jsonl.damaged-<time>}), the good lines become the journal, the run is rebuilt from them by the
     * usual replay, every outstanding request is sent again (results journaled past the damage are gone; a second
     * answer is ignored), and the results held while it was damaged are taken.
     *
     * @throws RunDamagedException when it cannot be recovered
     */
    public EvolutionRun recover(EvolutionRun damaged, String suffix) throws IOException {
        JournalDamage damage = damaged.damage().orElseThrow(() ->
                new IllegalArgumentException("run " + damaged.runId() + " is not damaged"));
        if (!damage.recoverable()) {
            throw new RunDamagedException(damaged.runId(), damage);
        }
        Path file = damage.file();
        long goodLength = RunJournal.load(file).goodLength();
        Path kept = file.resolveSibling(file.getFileName() + ".damaged-" + suffix);
        Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
        byte[] good = new byte[(int) goodLength];
        try (var in = Files.newInputStream(kept)) {
            in.readNBytes(good, 0, good.length);
        }
        Files.write(file, good);
        List<JournalEntry> goodLines = RunJournal.read(file);
        renumbering(goodLines, Files.readAllBytes(kept), goodLength).ifPresent(r -> {
            try (RunJournal journal = RunJournal.open(file)) {
                journal.append(r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Log.infof("run %s: candidates from %d on are numbered from %d on", damaged.runId(), r.fromSequence(),
                    r.toSequence());
        });
        List<JournalEntry> history = RunJournal.read(file);
        EvolutionRun run = restore(damaged.runId(), damaged.spec(), RunJournal.open(file), history);
        run.resendOutstanding();
        HeldResults held = new HeldResults(file.getParent());
        List<EvaluationResult> results = held.all();
        run.acceptAll(results.stream().filter(r -> r.kind() == EvaluationKind.FITNESS).toList());
        results.stream().filter(r -> r.kind() == EvaluationKind.FINAL).forEach(run.finals()::accept);
        held.delivered(suffix);
        Log.infof("run %s recovered from the first %d lines of its journal (the damaged one is %s); %d held results "
                + "taken", run.runId(), history.size(), kept, results.size());
        return run;
    }
}
