package org.evocnn.model.genome;

import java.util.Locale;

/**
 * The optional training part of a genome (hyperparameter genes): the optimizer, its learning rate and the batch size
 * the network is trained with, instead of the task's. The paper's conclusion plans "to tune automatically the
 * learning algorithm"; a run evolves them only when its search space says so.
 */
public record TrainingGenes(Optimizer optimizer, double learningRate, int batchSize) {

    public TrainingGenes {
        FieldException.required("optimizer", optimizer);
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new FieldException("learningRate", learningRate + " is outside (0, 10]");
        }
        FieldException.inRange("batchSize", batchSize, 1, 1 << 20);
    }

    public TrainingGenes withOptimizer(Optimizer value) {
        return new TrainingGenes(value, learningRate, batchSize);
    }

    public TrainingGenes withLearningRate(double value) {
        return new TrainingGenes(optimizer, value, batchSize);
    }

    public TrainingGenes withBatchSize(int value) {
        return new TrainingGenes(optimizer, learningRate, value);
    }

    /** One way of writing the genes, for the genome's canonical form. */
    String canonical() {
        return optimizer.wire() + "lr" + Double.toString(learningRate) + "b" + batchSize;
    }

    /** The paper-style line: {@code training optimizer=adam learningRate=0.003 batchSize=64}. */
    String describe() {
        return String.format(Locale.ROOT, "training optimizer=%s learningRate=%s batchSize=%d", optimizer.wire(),
                Double.toString(learningRate), batchSize);
    }
}
