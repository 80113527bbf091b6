package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.process.Candidate;
import org.evocnn.model.message.EvaluationRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A run's requests bred but not yet taken by the broker. A sender thread (the {@code Executor}) sends what waits in
 * one transaction and then has it journaled ({@code onSent}); a crash in between makes the replay send them again
 * (their second results are ignored), whereas journaling first could record a request the broker never got and wait
 * for it forever. Sends of one run leave in order, one at a time, outside the run's lock: while the broker syncs one
 * send, the next results are journaled and bred, and their offspring leave with the next send. If the broker refuses
 * them they stay here and a later {@link #requestSend()} retries.
 */
final class Outbox {

    /**
     * A request with the candidate it evaluates (for the journal's dispatch entry); {@code resent}: sent again after
     * a recovery, already journaled, so not journaled twice.
     */
    record Outgoing(EvaluationRequest request, Candidate candidate, boolean resent) {

        Outgoing(EvaluationRequest request, Candidate candidate) {
            this(request, candidate, false);
        }
    }

    /** How long a result waits for its request's journal entry before it is journaled anyway. */
    private static final Duration TRANSIT_WAIT = Duration.ofSeconds(10);

    private final String runId;
    private final RequestSender sender;
    private final Executor executor;
    private final Consumer<List<Outgoing>> onSent;
    private final List<Outgoing> waiting = new ArrayList<>(); // guarded by this
    private final Object sending = new Object(); // held by the one send of this run in progress
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final Object transitLock = new Object();
    private Set<Long> inTransit = Set.of(); // guarded by transitLock: sent, or being sent, and not yet journaled

    Outbox(String runId, RequestSender sender, Executor executor, Consumer<List<Outgoing>> onSent) {
        this.runId = runId;
        this.sender = sender;
        this.executor = executor;
        this.onSent = onSent;
    }

    synchronized void add(Outgoing outgoing) {
        waiting.add(outgoing);
    }

    /** Whether a candidate's request waits here. */
    synchronized boolean holds(long sequence) {
        return waiting.stream().anyMatch(o -> o.candidate().sequence() == sequence);
    }

    /** Requests bred but not yet taken by the broker. */
    synchronized int size() {
        return waiting.size();
    }

    /** Queues one send on the executor, unless one is queued already or nothing waits. */
    void requestSend() {
        if (size() == 0) {
            return;
        }
        if (sendQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::send);
            } catch (RejectedExecutionException e) { // shutting down: the replay sends them after the restart
                sendQueued.set(false);
                Log.debugf("run %s: send not queued, the sender is stopped", runId);
            }
        }
    }

    /**
     * A result can overtake the journal entry of its own request: the evaluator may answer between the send's commit
     * and that entry. Waits for such entries, so the journal never holds a result before its request.
     */
    void awaitJournaled(Collection<Long> sequences) {
        synchronized (transitLock) {
            long deadline = System.nanoTime() + TRANSIT_WAIT.toNanos();
            while (sequences.stream().anyMatch(inTransit::contains)) {
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

    /** Sends what waits in one transaction, then journals it; on failure it stays for the next try. */
    private void send() {
        synchronized (sending) {
            sendQueued.set(false); // anything added from here on needs another send
            List<Outgoing> batch;
            synchronized (this) {
                batch = List.copyOf(waiting);
            }
            if (batch.isEmpty()) {
                return;
            }
            setInTransit(batch.stream().map(o -> o.candidate().sequence()).collect(Collectors.toUnmodifiableSet()));
            try {
                try {
                    sender.send(batch.stream().map(Outgoing::request).toList());
                } catch (RuntimeException e) {
                    Log.warnf("run %s: %d request(s) not sent yet (%s); retrying on the next poll", runId,
                            batch.size(), e.getMessage());
                    return;
                }
                synchronized (this) {
                    waiting.subList(0, batch.size()).clear(); // only this send removes, and only from the front
                }
                onSent.accept(batch);
            } finally {
                setInTransit(Set.of());
            }
        }
    }
}
