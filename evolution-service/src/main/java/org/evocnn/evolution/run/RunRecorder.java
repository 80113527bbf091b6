package org.evocnn.evolution.run;

import io.quarkus.logging.Log;
import org.evocnn.engine.process.Candidate;
import org.evocnn.engine.process.EvaluationOutcome;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.TerminationReason;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.genome.Genome;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Writes a run's facts to its journal, each with the time it happened; a damaged run's recorder writes nothing. */
final class RunRecorder implements Closeable {

    private final Path file;
    private final RunJournal journal; // null: read-only
    private final InstantSource clock;

    RunRecorder(RunJournal journal, InstantSource clock) {
        this.file = journal.file();
        this.journal = journal;
        this.clock = clock;
    }

    private RunRecorder(Path file, InstantSource clock) {
        this.file = file;
        this.journal = null;
        this.clock = clock;
    }

    /** A recorder of a journal that must not be written (it is damaged). */
    static RunRecorder readOnly(Path file, InstantSource clock) {
        return new RunRecorder(file, clock);
    }

    Path file() {
        return file;
    }

    private RunJournal journal() {
        if (journal == null) {
            throw new IllegalStateException("the journal " + file + " is read-only");
        }
        return journal;
    }

    long now() {
        return clock.millis();
    }

    void created(String runId, RunSpec spec) {
        journal().append(new JournalEntry.RunCreated(now(), runId, RunSpecJson.write(spec)));
    }

    void started() {
        journal().append(new JournalEntry.Started(now()));
    }

    /**
     * Requests the broker took. Not forced: the next batch's force carries them; lost only in a machine crash, they
     * make the replay send these requests again, as a crash just before this call would.
     */
    void dispatched(List<Outbox.Outgoing> batch) {
        long at = now();
        journal().append(batch.stream().filter(o -> !o.resent()).<JournalEntry>map(o -> new JournalEntry.Dispatched(at,
                o.candidate().sequence(), o.request().evaluationId(), o.candidate().genome(),
                o.candidate().genome().architectureHash(), o.candidate().offspring().origin(),
                o.candidate().offspring().parents(), o.request().rung(),
                o.candidate().promoted() ? o.candidate().promotedFrom() : null,
                o.candidate().screened() ? o.candidate().predictedLoss() : null)).toList(), false);
    }

    /** Results, forced to disk with one sync before the engine sees them; returns the time they were recorded. */
    long results(List<RecordedResult> results) {
        long at = now();
        journal().append(results.stream().<JournalEntry>map(r -> new JournalEntry.ResultReceived(at, r)).toList());
        return at;
    }

    void stateChanged(String state, String reason) {
        journal().append(new JournalEntry.StateChanged(now(), state, reason));
    }

    void finalRequested(String finalId, long index, String label, Genome genome, int repeats, int epochs) {
        journal().append(new JournalEntry.FinalRequested(now(), finalId, index, label, genome, repeats, epochs));
    }

    void finalResult(RecordedResult result) {
        journal().append(new JournalEntry.FinalResultReceived(now(), result));
    }

    /**
     * Journals the engine's own doings: state changes (termination, the end), logged too, migrations between islands,
     * and results it reused from its fitness cache (these two not forced: the replay makes them again); cache hits also
     * go to {@code onCacheHit}.
     */
    EvolutionListener engineListener(String runId, RunSpec spec, Consumer<List<RecordedResult>> onCacheHit) {
        return new EvolutionListener() {
            @Override
            public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
                if (outcome.cached()) {
                    RecordedResult hit = ResultMapping.cacheHit(runId, outcome, spec.rungLabel(candidate.rung()));
                    journal().append(List.of(new JournalEntry.ResultReceived(now(), hit)), false);
                    onCacheHit.accept(List.of(hit));
                }
            }

            @Override
            public void migrated(Individual individual, int fromIsland, int toIsland) {
                journal().append(List.of(new JournalEntry.Migrated(now(), individual.sequence(), fromIsland,
                        toIsland)), false);
            }

            @Override
            public void terminated(TerminationReason reason) {
                stateChanged("stopping", reason.name().toLowerCase(Locale.ROOT));
                Log.infof("run %s terminated: %s", runId, reason);
            }

            @Override
            public void finished() {
                stateChanged("finished", null);
                Log.infof("run %s finished", runId);
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
