package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.process.EvaluationPort;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.process.TerminationReason;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.evolution.spec.RunSpec;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One run: its engine, and the parts that do the rest, each in its own class: the journal writer
 * ({@link RunRecorder}), the requests on their way to the broker ({@link Outbox}), the final trainings
 * ({@link FinalTrainings}) and the evaluations so far ({@link EvaluationLog}). Results are journaled (one force per
 * batch) before the engine sees them, so a replay breeds exactly the same offspring. Calls that change the engine
 * are serialised by the run's lock; readers take the {@link #snapshot()} published after each change instead.
 */
public final class EvolutionRun implements Closeable {

    private final String runId;
    private final RunSpec spec;
    private final InstantSource clock;
    private final RunRecorder recorder;
    private final Outbox outbox;
    private final FinalTrainings finals;
    private final EvaluationLog evaluations = new EvaluationLog();
    private final Evolution evolution; // guarded by this
    private volatile RunSnapshot snapshot;

    private EvolutionRun(String runId, RunSpec spec, RunJournal journal, InstantSource clock, RequestSender sender,
                         Executor sendThread, List<JournalEntry> history) {
        this.runId = runId;
        this.spec = spec;
        this.clock = clock;
        this.recorder = new RunRecorder(journal, clock);
        this.outbox = new Outbox(runId, sender, sendThread, recorder::dispatched);
        EvaluationPort port = candidate -> outbox.add(new Outbox.Outgoing(
                Requests.fitness(runId, candidate, spec.task()), candidate));
        EvolutionListener listener = new StateRecorder();
        if (history == null) {
            this.finals = new FinalTrainings(runId, spec.task(), sender, recorder);
            this.evolution = Evolution.create(spec.evolution(), port, clock, listener);
        } else {
            this.finals = FinalTrainings.restore(runId, spec.task(), sender, recorder, history);
            this.evolution = Replay.rebuild(spec.evolution(), JournalReplay.events(history), port, clock, listener);
            for (JournalEntry entry : history) {
                if (entry instanceof JournalEntry.ResultReceived r) {
                    evaluations.add(r.atMillis(), List.of(r.result()));
                }
            }
        }
        publish();
    }

    /** A new run, journaled from its first line; {@link #start()} sends its first requests. */
    public static EvolutionRun create(String runId, RunSpec spec, RunJournal journal, InstantSource clock,
                                      RequestSender sender, Executor sendThread) {
        EvolutionRun run = new EvolutionRun(runId, spec, journal, clock, sender, sendThread, null);
        run.recorder.created(runId, spec);
        return run;
    }

    /**
     * A run rebuilt from its journal; requests it had journaled are not sent again, offspring bred from results
     * journaled after them are.
     */
    public static EvolutionRun restore(String runId, RunSpec spec, RunJournal journal, List<JournalEntry> history,
                                       InstantSource clock, RequestSender sender, Executor sendThread) {
        EvolutionRun run = new EvolutionRun(runId, spec, journal, clock, sender, sendThread, history);
        run.outbox.requestSend();
        return run;
    }

    /** Fills every evaluation slot (Algorithm 1 begins). */
    public void start() {
        synchronized (this) {
            recorder.started();
            evolution.start();
            publish();
        }
        outbox.requestSend();
    }

    /** Takes one fitness result; false when it is not outstanding (a duplicate, or unknown). */
    public boolean accept(EvaluationResult result) {
        return acceptAll(List.of(result)) == 1;
    }

    /**
     * Takes a batch of fitness results in order: the outstanding ones are journaled with one force, given to the
     * engine, and the offspring they bred are sent together. Returns how many were taken.
     */
    public int acceptAll(List<EvaluationResult> results) {
        List<Long> sequences = results.stream().filter(r -> r.kind() == EvaluationKind.FITNESS)
                .map(EvaluationResult::sequence).toList();
        outbox.awaitJournaled(sequences);
        int taken;
        synchronized (this) {
            Set<Long> outstanding = new HashSet<>();
            evolution.inFlight().forEach(c -> outstanding.add(c.sequence()));
            List<EvaluationResult> accepted = new ArrayList<>();
            for (EvaluationResult result : results) {
                // removed once taken, so a duplicate within the batch is ignored like any other
                if (result.kind() != EvaluationKind.FITNESS || !result.runId().equals(runId)
                        || !outstanding.remove(result.sequence())) {
                    Log.debugf("result %s ignored: not outstanding in run %s", result.evaluationId(), runId);
                    continue;
                }
                accepted.add(result);
            }
            List<RecordedResult> recorded = accepted.stream().map(ResultMapping::record).toList();
            if (!recorded.isEmpty()) {
                long at = recorder.results(recorded);
                evaluations.add(at, recorded);
                for (int i = 0; i < recorded.size(); i++) {
                    evolution.accept(ResultMapping.outcome(accepted.get(i).sequence(), recorded.get(i)));
                }
                publish();
            }
            taken = recorded.size();
        }
        outbox.requestSend();
        return taken;
    }

    /** Stops breeding; outstanding results are still taken. */
    public void stop() {
        synchronized (this) {
            recorder.stateChanged("stopped", "requested");
            evolution.stop();
            publish();
        }
    }

    /** Checks the wall-clock budget and sends what the broker could not take before. */
    public void poll() {
        synchronized (this) {
            var before = evolution.state();
            evolution.poll();
            if (evolution.state() != before) {
                publish();
            }
        }
        outbox.requestSend();
    }

    /** Publishes a new snapshot; called under the run's lock after every change. */
    private void publish() {
        snapshot = new RunSnapshot(runId, evolution.state(), evolution.terminationReason(), evolution.stats(),
                evolution.best(), evolution.population(), evolution.startedAt().map(Instant::toEpochMilli).orElse(0L));
    }

    /** The run as of its last change. */
    public RunSnapshot snapshot() {
        return snapshot;
    }

    public String runId() {
        return runId;
    }

    public RunSpec spec() {
        return spec;
    }

    /** Requests bred but not yet taken by the broker. */
    public int unsent() {
        return outbox.size();
    }

    public FinalTrainings finals() {
        return finals;
    }

    public EvaluationLog evaluations() {
        return evaluations;
    }

    /** The journal file: the run's full history. */
    public Path journalFile() {
        return recorder.file();
    }

    /** The service's clock, for readers of snapshots. */
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public void close() throws IOException {
        recorder.close();
    }

    /** Journals the engine's own state changes. */
    private final class StateRecorder implements EvolutionListener {
        @Override
        public void terminated(TerminationReason reason) {
            recorder.stateChanged("stopping", reason.name().toLowerCase(Locale.ROOT));
            Log.infof("run %s terminated: %s", runId, reason);
        }

        @Override
        public void finished() {
            recorder.stateChanged("finished", null);
            Log.infof("run %s finished", runId);
        }
    }
}
