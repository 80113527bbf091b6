package org.evocnn.evolution.run;

import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.TrainingTask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The final trainings of one run. Each gets the next number of the run ({@code <runId>-final<n>}), allocated only
 * when its requests are sent and kept in the run's journal, so ids are unique and stable across restarts. Requests go
 * out before the {@code final} entry is journaled (as dispatches do), results are journaled before they count.
 */
public final class FinalTrainings {

    private final String runId;
    private final TrainingTask task;
    private final RequestSender sender;
    private final RunRecorder recorder;
    private final IgnoredResults ignored;
    private final Map<Long, FinalTraining> byIndex = new LinkedHashMap<>(); // guarded by this

    FinalTrainings(String runId, TrainingTask task, RequestSender sender, RunRecorder recorder,
                   IgnoredResults ignored) {
        this.runId = runId;
        this.task = task;
        this.sender = sender;
        this.recorder = recorder;
        this.ignored = ignored;
    }

    /** The final trainings a run's journal records, with the results it holds for them, in journal order. */
    static FinalTrainings restore(String runId, TrainingTask task, RequestSender sender, RunRecorder recorder,
                                  IgnoredResults ignored, List<JournalEntry> journal) {
        FinalTrainings finals = new FinalTrainings(runId, task, sender, recorder, ignored);
        fromJournal(journal).forEach(t -> finals.byIndex.put(t.index(), t));
        return finals;
    }

    /** The final trainings a journal records, with their results, in journal order. */
    public static List<FinalTraining> fromJournal(List<JournalEntry> journal) {
        Map<Long, FinalTraining> byIndex = new LinkedHashMap<>();
        for (JournalEntry entry : journal) {
            if (entry instanceof JournalEntry.FinalRequested f) {
                // format 1 kept no index: number such trainings by their place in the journal
                long index = f.index() != null ? f.index() : byIndex.size() + 1;
                byIndex.put(index, new FinalTraining(f.finalId(), index, f.label(), f.genome(), f.repeats(),
                        f.epochs()));
            } else if (entry instanceof JournalEntry.FinalResultReceived r) {
                FinalTraining training = r.result().sequence() != null ? byIndex.get(r.result().sequence())
                        : byIndex.values().stream().filter(t -> t.repeatOf(r.result().evaluationId()) > 0)
                        .findFirst().orElse(null);
                if (training != null) {
                    int repeat = r.result().repeat() != null ? r.result().repeat()
                            : training.repeatOf(r.result().evaluationId());
                    training.accept(repeat, r.result());
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /**
     * Sends {@code repeats} final requests for a genome and journals the training.
     *
     * @throws RuntimeException when the broker does not take them; then nothing is allocated or journaled
     */
    public synchronized FinalTraining start(String label, Genome genome, int repeats, int epochs) {
        return start(label, genome, repeats, epochs, null);
    }

    /** Likewise, starting from trained weights ({@code inherit}; null: fresh ones). */
    public synchronized FinalTraining start(String label, Genome genome, int repeats, int epochs,
                                            org.evocnn.model.message.Inherit inherit) {
        long index = nextIndex();
        String id = EvaluationId.finalTrainingId(runId, index);
        List<EvaluationRequest> requests = Requests.finalTraining(runId, index, genome, repeats, epochs, task).stream()
                .map(r -> r.withInherit(inherit)).toList();
        sender.send(requests);
        // after the send, like a dispatch: a crash in between loses this final training (its results are then
        // ignored as unknown), never leaves one waiting for requests the broker does not have
        recorder.finalRequested(id, index, label, genome, repeats, epochs);
        FinalTraining training = new FinalTraining(id, index, label, genome, repeats, epochs);
        byIndex.put(index, training);
        return training;
    }

    /** The next unused number (format-1 journals numbered trainings over all runs, so skip any id in use). */
    private long nextIndex() {
        long index = byIndex.size() + 1;
        while (byIndex.containsKey(index) || idInUse(EvaluationId.finalTrainingId(runId, index))) {
            index++;
        }
        return index;
    }

    private boolean idInUse(String id) {
        return byIndex.values().stream().anyMatch(t -> t.id().equals(id));
    }

    /**
     * Takes a result of one of these trainings: journaled, then counted. Returns false, changing nothing, for a
     * training this run never started or a repeat already answered.
     */
    public synchronized boolean accept(EvaluationResult result) {
        FinalTraining training = byIndex.get(result.sequence());
        if (training == null || result.repeat() > training.repeats() || training.answered(result.repeat())) {
            ignored.ignored(training != null && training.answered(result.repeat()) ? IgnoredResults.Reason.DUPLICATE
                    : IgnoredResults.Reason.UNKNOWN_EVALUATION, result.evaluationId(), "final trainings of " + runId);
            return false;
        }
        var recorded = ResultMapping.record(result);
        recorder.finalResult(recorded);
        return training.accept(result.repeat(), recorded);
    }

    /** Whether this repeat of one of these trainings has been answered already (a redelivery would be a duplicate). */
    public synchronized boolean answered(long index, int repeat) {
        FinalTraining training = byIndex.get(index);
        return training != null && training.answered(repeat);
    }

    public synchronized Optional<FinalTraining> get(String finalId) {
        return byIndex.values().stream().filter(t -> t.id().equals(finalId)).findFirst();
    }

    public synchronized List<FinalTraining> all() {
        return new ArrayList<>(byIndex.values());
    }
}
