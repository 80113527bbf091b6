package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Candidate;
import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.EvaluationPort;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.engine.process.TerminationReason;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.JournalReplay;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.message.EvaluationResult;

import java.io.Closeable;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One run: its engine, its journal, and the port its requests leave by. A request is journaled right after it is
 * sent (under the run's lock, so its result cannot be journaled first); a result is journaled before the engine sees
 * it. Calls are serialised on the run.
 */
public final class EvolutionRun implements Closeable {

    /** Sends the request of one candidate of a run. */
    @FunctionalInterface
    public interface Dispatcher {
        void send(String runId, String evaluationId, Candidate candidate, RunSpec spec);
    }

    private final String runId;
    private final RunSpec spec;
    private final RunJournal journal;
    private final InstantSource clock;
    private final Evolution evolution;

    private EvolutionRun(String runId, RunSpec spec, RunJournal journal, InstantSource clock, Dispatcher dispatcher,
                         List<org.evocnn.evolution.journal.JournalEntry> history) {
        this.runId = runId;
        this.spec = spec;
        this.journal = journal;
        this.clock = clock;
        // send, then journal: a crash in between makes the replay send the request again (its second result is
        // ignored), whereas journaling first could record a request the broker never got, and wait for it forever
        EvaluationPort port = candidate -> {
            String evaluationId = evaluationId(runId, candidate.sequence());
            dispatcher.send(runId, evaluationId, candidate, spec);
            journal.append(new JournalEntry.Dispatched(clock.millis(), candidate.sequence(), evaluationId,
                    candidate.genome(), candidate.genome().architectureHash(), candidate.offspring().origin(),
                    candidate.offspring().parents()));
        };
        EvolutionListener listener = new JournalingListener();
        if (history == null) {
            this.evolution = Evolution.create(spec.evolution(), port, clock, listener);
        } else {
            this.evolution = Replay.rebuild(spec.evolution(), JournalReplay.events(history), port, clock, listener);
        }
    }

    /** A new run, journaled from its first line; {@link #start()} sends its first requests. */
    public static EvolutionRun create(String runId, RunSpec spec, RunJournal journal, InstantSource clock,
                                      Dispatcher dispatcher) {
        journal.append(new JournalEntry.RunCreated(clock.millis(), runId, org.evocnn.model.json.ModelJson.mapper()
                .valueToTree(spec)));
        return new EvolutionRun(runId, spec, journal, clock, dispatcher, null);
    }

    /** Fills every evaluation slot (Algorithm 1 begins). */
    public synchronized void start() {
        journal.append(new JournalEntry.Started(clock.millis()));
        evolution.start();
    }

    /** A run rebuilt from its journal; requests it had sent are not sent again. */
    public static EvolutionRun restore(String runId, RunSpec spec, RunJournal journal, List<JournalEntry> history,
                                       InstantSource clock, Dispatcher dispatcher) {
        return new EvolutionRun(runId, spec, journal, clock, dispatcher, history);
    }

    /** The evaluation id of a run's n-th candidate, also its JMSCorrelationID. */
    public static String evaluationId(String runId, long sequence) {
        return runId + "-" + String.format(Locale.ROOT, "%06d", sequence);
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
    public synchronized boolean accept(EvaluationResult result) {
        Optional<Long> sequence = sequenceOf(result.evaluationId());
        if (sequence.isEmpty() || evolution.inFlight().stream().noneMatch(c -> c.sequence() == sequence.get())) {
            Log.debugf("result %s ignored: not outstanding in run %s", result.evaluationId(), runId);
            return false;
        }
        journal.append(new JournalEntry.ResultReceived(clock.millis(), result));
        return evolution.accept(JournalReplay.outcome(sequence.get(), result));
    }

    /** Stops breeding; outstanding results are still taken. */
    public synchronized void stop() {
        journal.append(new JournalEntry.StateChanged(clock.millis(), "stopped", "requested"));
        evolution.stop();
    }

    /** Checks the wall-clock budget. */
    public synchronized void poll() {
        evolution.poll();
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
