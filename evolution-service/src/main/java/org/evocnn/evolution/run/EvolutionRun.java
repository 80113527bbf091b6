package org.evocnn.evolution.run;

import org.evocnn.engine.process.EvaluationPort;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.Evolutions;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.surrogate.SurrogateModel;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.spec.RunSpec;
import org.evocnn.evolution.surrogate.ForestSurrogate;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.engine.process.Candidate;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.genome.FieldException;
import java.util.stream.Stream;
import java.util.TreeMap;
import java.util.Map;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
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
    private final Ancestry ancestry = new Ancestry();
    private final StoppingThresholds stopping;
    private final FinalTrainings finals;
    private final EvaluationLog evaluations = new EvaluationLog();
    private final IgnoredResults ignored;
    private final DeadLetters deadLetters;
    private final Optional<JournalDamage> damage;
    private final ResultIntake intake;
    private final WeightStore weights; // with weight inheritance; null without
    private final Evolution evolution; // guarded by this
    private volatile RunSnapshot snapshot;

    /** The run's ignored-result counts, beside its journal. */
    static final String IGNORED_FILE = "ignored.properties";

    /**
     * A run over a recorder; with a history, rebuilt from it by the engine's replay; with damage, read-only. Built
     * by {@link RunLoader}.
     */
    EvolutionRun(String runId, RunSpec spec, RunRecorder recorder, InstantSource clock, RequestSender sender,
                 Executor sendThread, List<JournalEntry> history, Optional<JournalDamage> damage, long weightsBudget) {
        this.runId = runId;
        this.spec = spec;
        this.clock = clock;
        this.recorder = recorder;
        this.damage = damage;
        this.deadLetters = new DeadLetters(recorder.file().toAbsolutePath().getParent());
        this.ignored = new IgnoredResults(recorder.file().toAbsolutePath().getParent().resolve(IGNORED_FILE));
        this.outbox = new Outbox(runId, sender, sendThread, batch -> {
            recorder.dispatched(batch);
            ancestry.dispatched(batch);
        });
        if (history != null) {
            ancestry.restore(history);
        }
        this.stopping = new StoppingThresholds(spec.stopping());
        this.weights = spec.evolution().inheritance() ? new WeightStore(runId,
                recorder.file().toAbsolutePath().getParent(), weightsBudget) : null;
        int epochs = spec.task().epochs();
        this.intake = new ResultIntake(runId, recorder, evaluations, stopping, ignored,
                r -> {
                    if (weights != null) {
                        weights.recorded(r, epochs);
                    }
                });
        EvaluationPort port = candidate -> outbox.add(new Outbox.Outgoing(request(candidate), candidate));
        EvolutionListener listener = recorder.engineListener(runId, spec,
                hits -> evaluations.add(recorder.now(), hits));
        SurrogateModel.Trainer models = spec.evolution().screening().enabled()
                ? ForestSurrogate.defaults(spec.evolution().seed()) : null;
        this.finals = history == null ? new FinalTrainings(runId, spec.task(), sender, recorder, ignored)
                : FinalTrainings.restore(runId, spec.task(), sender, recorder, ignored, history);
        // thresholds before the replay: its last fills send live requests, which carry them
        (history == null ? List.<JournalEntry>of() : history).stream()
                .filter(JournalEntry.ResultReceived.class::isInstance).map(JournalEntry.ResultReceived.class::cast)
                .forEach(r -> {
                    stopping.recorded(r.result());
                    evaluations.add(r.atMillis(), List.of(r.result()));
                    if (weights != null) {
                        weights.recorded(r.result(), epochs);
                    }
                });
        this.evolution = history == null ? Evolutions.create(spec.evolution(), port, clock, listener, models)
                : Replay.rebuild(spec.evolution(), JournalReplay.events(history), port, clock, listener, models);
        if (history != null && damage.isEmpty()) {
            pruneWeights();
        }
        publish();
    }

    /** The fitness request of a candidate: with weight inheritance, the parents' weights it starts from. */
    private EvaluationRequest request(Candidate candidate) {
        var request = Requests.fitness(runId, candidate, spec, stopping);
        return weights == null ? request : request.withInherit(weights.inherit(candidate));
    }

    /** The candidates in flight (tests; call under the run's lock). */
    List<Candidate> evolutionInFlight() {
        return evolution.inFlight();
    }

    /** Deletes the weights no population member, best network or in-flight evaluation's parent needs. */
    private void pruneWeights() {
        if (weights != null) {
            weights.prune(evolution.population(), evolution.inFlight(), evolution.best().orElse(null));
        }
    }

    RunRecorder recorder() {
        return recorder;
    }

    Outbox outbox() {
        return outbox;
    }

    /** The damage of a read-only run. */
    public Optional<JournalDamage> damage() {
        return damage;
    }

    /** @throws RunDamagedException when the run is read-only */
    public void requireWritable() {
        if (damage.isPresent()) {
            throw new RunDamagedException(runId, damage.get());
        }
    }

    /**
     * Sends every outstanding request again, not journaling it a second time: after a recovery, results journaled
     * past the damage are gone, and a result that comes twice is ignored as a duplicate.
     */
    public void resendOutstanding() {
        requireWritable();
        synchronized (this) {
            for (var candidate : evolution.inFlight()) {
                if (!outbox.holds(candidate.sequence())) {
                    outbox.add(new Outbox.Outgoing(request(candidate), candidate, true));
                }
            }
        }
        outbox.requestSend();
    }

    /** Fills every evaluation slot (Algorithm 1 begins). */
    public void start() {
        requireWritable();
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
        requireWritable();
        List<Long> sequences = results.stream().filter(r -> r.kind() == EvaluationKind.FITNESS)
                .map(EvaluationResult::sequence).toList();
        outbox.awaitJournaled(sequences);
        int taken;
        synchronized (this) {
            taken = intake.take(evolution, results);
            if (taken > 0) {
                pruneWeights();
                publish();
            }
        }
        outbox.requestSend();
        return taken;
    }

    /** Stops breeding; outstanding results are still taken. */
    public void stop() {
        requireWritable();
        synchronized (this) {
            recorder.stateChanged("stopped", "requested");
            evolution.stop();
            publish();
        }
    }

    /** Checks the wall-clock budget and sends what the broker could not take before. */
    public void poll() {
        if (damage.isPresent()) {
            return; // read-only: its budget waits for the recovery
        }
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
                evolution.best(), evolution.population(), evolution.front(),
                evolution.startedAt().map(Instant::toEpochMilli).orElse(0L));
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

    /** Results this run took and did not act on, by reason. */
    public IgnoredResults ignored() {
        return ignored;
    }

    /** Requests of this run the broker dead-lettered, as they arrived. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public FinalTrainings finals() {
        return finals;
    }

    /** Who bred whom: each evaluation's parents and operators. */
    public Ancestry ancestry() {
        return ancestry;
    }

    /** A population member's genome and the request part that starts a training from its kept weights. */
    public record Trained(Genome genome, Inherit inherit) {
    }

    /**
     * The genome and kept trained weights of evaluation {@code sequence}, to train on from them.
     *
     * @throws FieldException on {@code fromEvaluation}, saying why there are none
     */
    public Trained trained(long sequence) {
        synchronized (this) {
            if (weights == null) {
                throw new FieldException("fromEvaluation", "run " + runId + " keeps no trained "
                        + "weights: evolution.inheritance is off");
            }
            var member = Stream.concat(evolution.best().stream(), evolution.population().stream())
                    .filter(i -> i.sequence() == sequence).findFirst()
                    .orElseThrow(() -> new FieldException("fromEvaluation", "evaluation "
                            + sequence + " is not in the population: its trained weights are not kept"));
            return new Trained(member.genome(), weights.whole(sequence, member.genome())
                    .orElseThrow(() -> new FieldException("fromEvaluation",
                            "the trained weights of evaluation " + sequence + " are not at hand: "
                                    + weights.whyGone(sequence))));
        }
    }

    /** The weight store's kept weights' sizes by sequence (weight inheritance; tests); empty without it. */
    Map<Long, Long> keptWeightBytes() {
        synchronized (this) {
            if (weights == null) {
                return Map.of();
            }
            Map<Long, Long> bytes = new TreeMap<>();
            weights.kept().forEach((sequence, kept) -> bytes.put(sequence, kept.ref().bytes()));
            return bytes;
        }
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
}
