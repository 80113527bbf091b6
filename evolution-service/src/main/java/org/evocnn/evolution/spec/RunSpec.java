package org.evocnn.evolution.spec;

import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.message.TrainingTask;

/**
 * Everything a run needs: the training task every evaluation carries and the engine's configuration, whose input
 * shape and class count are always those of the task's data set, and whose batch size and optimizer state (for the
 * memory estimate of offspring) those of the task. Its JSON form is {@link RunSpecJson}'s.
 */
public record RunSpec(TrainingTask task, EvolutionConfig evolution) {

    public RunSpec {
        FieldException.required("task", task);
        FieldException.required("evolution", evolution);
        DatasetInfo data = dataset(task);
        if (!data.input().equals(evolution.input()) || data.classes() != evolution.classes()) {
            throw new FieldException("evolution.input", evolution.input() + " with " + evolution.classes()
                    + " classes differs from data set " + data.id() + " (" + data.input() + ", " + data.classes()
                    + " classes)");
        }
        if (evolution.batchSize() != task.batchSize()
                || evolution.optimizerStateCopies() != task.optimizer().stateCopies()) {
            throw new FieldException("evolution", "its training settings differ from the task's");
        }
    }

    /** A spec whose engine configuration takes its input shape and classes from the task's data set. */
    public static RunSpec of(TrainingTask task, EvolutionConfig.Builder evolution) {
        DatasetInfo data = dataset(task);
        return new RunSpec(task, evolution.input(data.input(), data.classes())
                .training(task.batchSize(), task.optimizer().stateCopies()).build());
    }

    /** The paper's setting on MNIST with the engine's defaults. */
    public static RunSpec defaults() {
        return of(TrainingTask.paperFitness(DatasetCatalog.MNIST.id()), EvolutionConfig.builder());
    }

    /**
     * Checks what only the data set decides: a subset no larger than the training set, and enough images for every
     * fold to hold each class (subset, or the whole training set, at least folds x classes).
     *
     * @throws FieldException naming the task's field
     */
    public void checkFeasible() {
        DatasetInfo data = dataset(task);
        if (task.trainingSubset() > data.trainSize()) {
            throw new FieldException("task.trainingSubset", String.format(java.util.Locale.ROOT,
                    "%,d exceeds the %,d training images of %s", task.trainingSubset(), data.trainSize(), data.id()));
        }
        int samples = task.trainingSubset() > 0 ? task.trainingSubset() : data.trainSize();
        long needed = (long) task.folds() * data.classes();
        if (samples < needed) {
            throw new FieldException("task.folds", task.folds() + " folds of " + samples + " images leave folds without "
                    + "some of the " + data.classes() + " classes of " + data.id() + ": give trainingSubset >= "
                    + needed + " (folds x classes) or fewer folds");
        }
    }

    /** The catalog's entry for the task's data set. @throws FieldException naming {@code task.dataset} */
    public static DatasetInfo dataset(TrainingTask task) {
        try {
            return DatasetCatalog.get(task.dataset());
        } catch (FieldException e) {
            throw new FieldException("task.dataset", e.problem());
        }
    }
}
