package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.TrainingGenes;

import static org.evocnn.model.genome.FieldException.inRange;
import static org.evocnn.model.genome.FieldException.nonBlank;
import static org.evocnn.model.genome.FieldException.required;

/**
 * Everything an evaluator needs to train a genome, so that evaluators stay stateless.
 *
 * @param dataset        data set id, e.g. {@code mnist} or {@code fashion-mnist}
 * @param folds          k of the k-fold cross-validation (ignored by final training)
 * @param epochs         training epochs per fold (or of the final training)
 * @param batchSize      mini-batch size
 * @param optimizer      training algorithm
 * @param learningRate   its learning rate
 * @param trainingSubset use a stratified subset of this many training samples; 0 means the whole training set
 * @param seed           seeds weight initialisation, fold assignment and the subset
 * @param timeLimitSeconds wall-clock seconds one evaluation may take (checked between batches); 0 leaves the
 *                       evaluator's own maximum
 */
public record TrainingTask(
        String dataset,
        int folds,
        int epochs,
        int batchSize,
        Optimizer optimizer,
        double learningRate,
        int trainingSubset,
        long seed,
        int timeLimitSeconds) {

    /** Epochs of the paper's final training (section 5). */
    public static final int PAPER_FINAL_EPOCHS = 20;

    public TrainingTask {
        nonBlank("dataset", dataset);
        inRange("folds", folds, 2, 100);
        inRange("epochs", epochs, 1, 10_000);
        inRange("batchSize", batchSize, 1, 1 << 20);
        required("optimizer", optimizer);
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new FieldException("learningRate", learningRate + " is outside (0, 10]");
        }
        inRange("trainingSubset", trainingSubset, 0, Integer.MAX_VALUE);
        inRange("timeLimitSeconds", timeLimitSeconds, 0, Integer.MAX_VALUE);
    }

    /** A task without a time limit of its own. */
    public TrainingTask(String dataset, int folds, int epochs, int batchSize, Optimizer optimizer, double learningRate,
                        int trainingSubset, long seed) {
        this(dataset, folds, epochs, batchSize, optimizer, learningRate, trainingSubset, seed, 0);
    }

    /** The paper's fitness setting: 3 folds, RMSProp (lr 0.001), batch 128, GAKeras' 10 epochs, all samples. */
    public static TrainingTask paperFitness(String dataset) {
        return new TrainingTask(dataset, 3, 10, 128, Optimizer.RMSPROP, 0.001, 0, 0);
    }

    /** The paper's final training: whole training set, RMSProp, {@value #PAPER_FINAL_EPOCHS} epochs. */
    public static TrainingTask paperFinal(String dataset) {
        return new TrainingTask(dataset, 3, PAPER_FINAL_EPOCHS, 128, Optimizer.RMSPROP, 0.001, 0, 0);
    }

    /** This task as a genome trains with it: the genome's own optimizer, learning rate and batch size, if it has them. */
    public TrainingTask trainedWith(TrainingGenes genes) {
        if (genes == null) {
            return this;
        }
        return new TrainingTask(dataset, folds, epochs, genes.batchSize(), genes.optimizer(), genes.learningRate(),
                trainingSubset, seed, timeLimitSeconds);
    }

    /**
     * This task at a lower fidelity (a rung of successive halving): another training subset, number of epochs or of
     * folds; 0 keeps this task's value.
     */
    public TrainingTask atFidelity(int subset, int epochCount, int foldCount) {
        return new TrainingTask(dataset, foldCount == 0 ? folds : foldCount, epochCount == 0 ? epochs : epochCount,
                batchSize, optimizer, learningRate, subset == 0 ? trainingSubset : subset, seed, timeLimitSeconds);
    }

    /**
     * The task of one repeat of a final training: this task's data set, training settings and time limit on the
     * whole training set, for {@code epochs} epochs, seeded by the repeat.
     */
    public TrainingTask forFinalTraining(int epochs, int repeat) {
        return new TrainingTask(dataset, folds, epochs, batchSize, optimizer, learningRate, 0, repeat,
                timeLimitSeconds);
    }
}
