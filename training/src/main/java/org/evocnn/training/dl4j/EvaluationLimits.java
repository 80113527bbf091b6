package org.evocnn.training.dl4j;

import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Dataset;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** What the memory bound and the derived time limit say about one evaluation, before it is built. */
final class EvaluationLimits {

    private EvaluationLimits() {
    }

    /**
     * Why a genome cannot be trained under the memory bound: the upper bound of its training's peak
     * ({@link Architecture#peakTrainingBytes}) is more than is left under it now; empty when it fits or there is none.
     */
    static Optional<String> overBound(MemoryBound memory, Architecture arch, TrainingTask task) {
        if (!memory.limited() || !arch.valid()) {
            return Optional.empty();
        }
        long peak = arch.peakTrainingBytes(task.batchSize(), task.optimizer().stateCopies());
        long left = memory.available();
        return peak <= left ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "training may need up to %,d "
                + "MiB at batch %d, more than the %,d MiB left under this evaluator's memory bound of %,d MiB",
                peak >> 20, task.batchSize(), left >> 20, memory.bytes() >> 20));
    }

    /**
     * The time limit of a task that gives none: its work at a pessimistic speed ({@link Deadline#forWork}).
     *
     * @param task the task as the genome trains with it
     */
    static Duration derived(EvaluationRequest request, TrainingTask task, Dataset data, Architecture arch,
                            double minFlopsPerSecond) {
        long n = task.trainingSubset() > 0 ? Math.min(task.trainingSubset(), data.train().size()) : data.train().size();
        if (request.kind() == EvaluationKind.FINAL) {
            return Deadline.forWork(arch.flopsPerSample(), n * task.epochs(), data.test().size(), minFlopsPerSecond);
        }
        // every fold trains on (k-1)/k of the samples and scores the rest, after every epoch with a stopping rule
        long scored = request.stopping() == null ? n : n * task.epochs();
        return Deadline.forWork(arch.flopsPerSample(), (task.folds() - 1) * n * task.epochs(), scored,
                minFlopsPerSecond);
    }
}
