package org.evocnn.evaluator.work;

import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.TrainingTask;

/** How many training samples a task processes, for throughput figures. */
final class TrainingWork {

    private TrainingWork() {
    }

    /** Final training passes over the samples once per epoch; k folds each train on (k-1)/k of them. */
    static long samples(EvaluationKind kind, TrainingTask task, int trainSize) {
        long n = task.trainingSubset() > 0 ? Math.min(task.trainingSubset(), trainSize) : trainSize;
        return kind == EvaluationKind.FINAL ? n * task.epochs() : (long) (task.folds() - 1) * n * task.epochs();
    }
}
