package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Candidate;
import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.EvaluationPort;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.EvolutionStats;
import org.evocnn.engine.process.RunState;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.process.TerminationReason;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.JournalReplay;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.message.EvaluationResult;

import java.io.Closeable;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One run: its engine, its journal, and the port its requests leave by. Results are journaled (one force per batch)
 * before the engine sees them, so a replay breeds exactly the same offspring. The offspring wait in an outbox, which
 * a sender (the {@code Executor} given) sends in one broker transaction and journals after the commit — a crash in
 * between makes the replay send them again (their second results are ignored), whereas journaling first could record
 * a request the broker never got and wait for it forever. The send runs outside the run's lock, so the next results
 * are journaled and bred while the broker syncs the previous offspring; a result whose request is still between
 * commit and journal waits for that journal entry, so a request's entry always precedes its result's. If the broker
 * cannot take them they stay in the outbox and are sent by a later {@link #poll()}, in order.
 */
public final class EvolutionRun implements Closeable {

    /** Sends the requests of a run's candidates, all or none. */
    @FunctionalInterface
    public interface Dispatcher {
        /** @throws RuntimeException when the broker did not take them; none of them was sent */
        void send(String runId, List<Outgoing> requests, RunSpec spec);
    }

    /** How long a result waits for its request's journal entry before it is journaled anyway. */
    private static final java.time.Duration TRANSIT_WAIT = java.time.Duration.ofSeconds(10);

    /** A candidate with the evaluation id it travels under. */
    public record Outgoing(String evaluationId, Candidate candidate) {
    }

    private final String runId;
    private final RunSpec spec;
    private final RunJournal journal;
    private final InstantSource clock;
    private final Dispatcher dispatcher;
    private final Evolution evolution;
    private final Executor sender;
    private final List<Outgoing> outbox = new ArrayList<>(); // guarded by this
    private final Object sending = new Object(); // held by the one send of this run in progress
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final Object transitLock = new Object();
    private Set<Long> inTransit = Set.of(); // guarded by transitLock: sent, or being sent, and not yet journaled

    private EvolutionRun(String runId, RunSpec spec, RunJournal journal, InstantSource clock, Dispatcher dispatcher,
                         Executor sender, List<JournalEntry> history) {
        this.runId = runId;
        this.spec = spec;
        this.journal = journal;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.sender = sender;
        EvaluationPort port = candidate -> outbox.add(new Outgoing(evaluationId(runId, candidate.sequence()), candidate));
        EvolutionListener listener = new JournalingListener();
        if (history == null) {
            this.evolution = Evolution.create(spec.evolution(), port, clock, listener);
        } else {
            this.evolution = Replay.rebuild(spec.evolution(), JournalReplay.events(history), port, clock, listener);
        }
    }

    /**
     * A new run, journaled from its first line; {@link #start()} sends its first requests. Sends run on
     * {@code sender}, one at a time per run.
     */
    public static EvolutionRun create(String runId, RunSpec spec, RunJournal journal, InstantSource clock,
                                      Dispatcher dispatcher, Executor sender) {
        journal.append(new JournalEntry.RunCreated(clock.millis(), runId, org.evocnn.model.json.ModelJson.mapper()
                .valueToTree(spec)));
        return new EvolutionRun(runId, spec, journal, clock, dispatcher, sender, null);
    }

    /** Fills every evaluation slot (Algorithm 1 begins). */
    public void start() {
        synchronized (this) {
            journal.append(new JournalEntry.Started(clock.millis()));
            evolution.start();
        }
        requestSend();
    }

    /**
     * A run rebuilt from its journal; requests it had journaled are not sent again, offspring bred from results
     * journaled after them are.
     */
    public static EvolutionRun restore(String runId, RunSpec spec, RunJournal journal, List<JournalEntry> history,
                                       InstantSource clock, Dispatcher dispatcher, Executor sender) {
        EvolutionRun run = new EvolutionRun(runId, spec, journal, clock, dispatcher, sender, history);
        run.requestSend();
        return run;
    }

    /** The evaluation id of a run's n-th candidate, also its JMSCorrelationID. */
    public static String evaluationId(String runId, long sequence) {
        String digits = Long.toString(sequence); // not String.format: this runs for every request and result
        return runId + "-" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    /** The candidate sequence an evaluation id of this run names, if it does. */
    Optional<Long> sequenceOf(String evaluationId) {
        String prefix = runId + "-";
        if (evaluationId.startsWith(prefix)) {
            try {
                return Optional.of(Long.parseLong(evaluationId.substring(prefix.length())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Takes a result: journaled, then given to the engine, which breeds the next offspring. A result for an
     * evaluation that is not outstanding (a duplicate, or unknown) changes nothing and returns false.
     */
    public boolean accept(EvaluationResult result) {
        return acceptAll(List.of(result)) == 1;
    }

    /**
     * Takes a batch of results in order: the outstanding ones are journaled with one force, given to the engine, and
     * the offspring they bred are handed to the sender together. Returns how many were taken.
     */
    public int acceptAll(List<EvaluationResult> results) {
        List<Optional<Long>> sequences = results.stream().map(r -> sequenceOf(r.evaluationId())).toList();
        awaitJournaledRequests(sequences);
        int taken;
        synchronized (this) {
            List<JournalEntry> entries = new ArrayList<>();
            List<EvaluationOutcome> outcomes = new ArrayList<>();
            Set<Long> outstanding = new HashSet<>();
            evolution.inFlight().forEach(c -> outstanding.add(c.sequence()));
            for (int i = 0; i < results.size(); i++) {
                EvaluationResult result = results.get(i);
                Optional<Long> sequence = sequences.get(i);
                // removed once taken, so a duplicate within the batch is ignored like any other
                if (sequence.isEmpty() || !outstanding.remove(sequence.get())) {
                    Log.debugf("result %s ignored: not outstanding in run %s", result.evaluationId(), runId);
                    continue;
                }
                entries.add(new JournalEntry.ResultReceived(clock.millis(), result));
                outcomes.add(JournalReplay.outcome(sequence.get(), result));
            }
            journal.append(entries);
            outcomes.forEach(evolution::accept);
            taken = outcomes.size();
        }
        requestSend();
        return taken;
    }

    /**
     * A result can overtake the journal entry of its own request: the evaluator may answer between the send's commit
     * and that entry. Waits for such entries, so the journal never holds a result before its request.
     */
    private void awaitJournaledRequests(List<Optional<Long>> sequences) {
        synchronized (transitLock) {
            long deadline = System.nanoTime() + TRANSIT_WAIT.toNanos();
            while (sequences.stream().flatMap(Optional::stream).anyMatch(inTransit::contains)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Log.warnf("run %s: a result arrived while its request is still being sent", runId);
                    return;
                }
                try {
                    transitLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void setInTransit(Set<Long> sequences) {
        synchronized (transitLock) {
            inTransit = sequences;
            transitLock.notifyAll();
        }
    }

    /** Queues one send of the outbox on the sender, unless one is queued already or there is nothing to send. */
    private void requestSend() {
        synchronized (this) {
            if (outbox.isEmpty()) {
                return;
            }
        }
        if (sendQueued.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendOutbox);
            } catch (RejectedExecutionException e) { // shutting down: the replay sends them after the restart
                sendQueued.set(false);
                Log.debugf("run %s: send not queued, the sender is stopped", runId);
            }
        }
    }

    /**
     * Sends what the outbox holds in one transaction, then journals it; on failure it stays for the next try. Runs
     * outside the run's lock; later offspring join the outbox meanwhile and leave with the next send.
     */
    private void sendOutbox() {
        synchronized (sending) {
            sendQueued.set(false); // anything bred from here on needs another send
            List<Outgoing> batch;
            synchronized (this) {
                batch = List.copyOf(outbox);
            }
            if (batch.isEmpty()) {
                return;
            }
            setInTransit(batch.stream().map(o -> o.candidate().sequence()).collect(Collectors.toUnmodifiableSet()));
            try {
                try {
                    dispatcher.send(runId, batch, spec);
                } catch (RuntimeException e) {
                    Log.warnf("run %s: %d request(s) not sent yet (%s); retrying on the next poll", runId, batch.size(),
                            e.getMessage());
                    return;
                }
                synchronized (this) {
                    outbox.subList(0, batch.size()).clear(); // only this send removes, and only from the front
                }
                long now = clock.millis();
                // not forced: the next batch's force carries it; lost only in a machine crash, it makes the replay
                // send these requests again, as a crash just before this line would
                journal.append(batch.stream().<JournalEntry>map(o -> new JournalEntry.Dispatched(now,
                        o.candidate().sequence(), o.evaluationId(), o.candidate().genome(),
                        o.candidate().genome().architectureHash(), o.candidate().offspring().origin(),
                        o.candidate().offspring().parents())).toList(), false);
            } finally {
                setInTransit(Set.of());
            }
        }
    }

    /** Journals a final training of this run, or one of its results (forced; the engine is not involved). */
    public synchronized void journalFinal(JournalEntry entry) {
        if (!(entry instanceof JournalEntry.FinalRequested || entry instanceof JournalEntry.FinalResultReceived)) {
            throw new IllegalArgumentException("not a final-training entry: " + entry.getClass().getSimpleName());
        }
        journal.append(entry);
    }

    /** Requests bred but not yet taken by the broker. */
    public synchronized int unsent() {
        return outbox.size();
    }

    /** Stops breeding; outstanding results are still taken. */
    public synchronized void stop() {
        journal.append(new JournalEntry.StateChanged(clock.millis(), "stopped", "requested"));
        evolution.stop();
    }

    /** Checks the wall-clock budget and sends what the broker could not take before. */
    public void poll() {
        synchronized (this) {
            evolution.poll();
        }
        requestSend();
    }

    public String runId() {
        return runId;
    }

    public RunSpec spec() {
        return spec;
    }

    /** The journal file: the run's full history. */
    public java.nio.file.Path journalFile() {
        return journal.file();
    }

    /** Counts, read under the run's lock. */
    public synchronized EvolutionStats stats() {
        return evolution.stats();
    }

    public synchronized Optional<Individual> best() {
        return evolution.best();
    }

    public synchronized RunState state() {
        return evolution.state();
    }

    /** Completed evaluations per minute since the run started. */
    public synchronized double evaluationsPerMinute() {
        double seconds = evolution.elapsed().toMillis() / 1000.0;
        return seconds > 0 ? evolution.stats().completed() * 60.0 / seconds : 0;
    }

    /** The engine, for read-only views; hold the run's lock when reading several values together. */
    public Evolution evolution() {
        return evolution;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private final class JournalingListener implements EvolutionListener {
        @Override
        public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
            Log.debugf("run %s: evaluation %d %s", runId, candidate.sequence(), outcome.status());
        }

        @Override
        public void discarded(Individual individual) {
            Log.debugf("run %s: individual %d left the population", runId, individual.sequence());
        }

        @Override
        public void terminated(TerminationReason reason) {
            journal.append(new JournalEntry.StateChanged(clock.millis(), "stopping", reason.name().toLowerCase(Locale.ROOT)));
            Log.infof("run %s terminated: %s", runId, reason);
        }

        @Override
        public void finished() {
            journal.append(new JournalEntry.StateChanged(clock.millis(), "finished", null));
            Log.infof("run %s finished", runId);
        }
    }
}
