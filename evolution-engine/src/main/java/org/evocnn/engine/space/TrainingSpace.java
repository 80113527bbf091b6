package org.evocnn.engine.space;

import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.TrainingGenes;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What training genes may take, when a run evolves them: optimizers to choose from, a learning-rate range drawn
 * log-uniformly and mutated by a factor exp(N(0, sigma)), and batch sizes to choose from.
 */
public record TrainingSpace(List<Optimizer> optimizers, double learningRateMin, double learningRateMax,
                            double learningRateSigma, List<Integer> batchSizes) {

    public TrainingSpace {
        optimizers = List.copyOf(FieldException.required("optimizers", optimizers));
        if (optimizers.isEmpty()) {
            throw new FieldException("optimizers", "must not be empty");
        }
        if (!(learningRateMin > 0 && learningRateMin <= learningRateMax && learningRateMax <= 10)) {
            throw new FieldException("learningRateMin", "need 0 < learningRateMin <= learningRateMax <= 10");
        }
        FieldException.inRange("learningRateSigma", learningRateSigma, 0.0, 10.0);
        batchSizes = List.copyOf(FieldException.required("batchSizes", batchSizes));
        if (batchSizes.isEmpty()) {
            throw new FieldException("batchSizes", "must not be empty");
        }
        for (int b : batchSizes) {
            FieldException.inRange("batchSizes", b, 1, 1 << 20);
        }
    }

    /** RMSProp, Adam and SGD; learning rates 1e-4..1e-2 (mutated by exp(N(0, 0.5))); batches of 32, 64, 128, 256. */
    public static TrainingSpace defaults() {
        return new TrainingSpace(List.of(Optimizer.RMSPROP, Optimizer.ADAM, Optimizer.SGD), 1e-4, 1e-2, 0.5,
                List.of(32, 64, 128, 256));
    }

    /** Uniform optimizer, log-uniform learning rate, uniform batch size. */
    public TrainingGenes draw(RandomGenerator rng) {
        Optimizer optimizer = optimizers.get(rng.nextInt(optimizers.size()));
        double lr = Math.exp(Math.log(learningRateMin)
                + rng.nextDouble() * (Math.log(learningRateMax) - Math.log(learningRateMin)));
        return new TrainingGenes(optimizer, round(lr), batchSizes.get(rng.nextInt(batchSizes.size())));
    }

    /** A learning rate clamped to the range, with 3 significant digits (so a genome has one way of writing it). */
    public double clampLearningRate(double lr) {
        return round(Math.max(learningRateMin, Math.min(learningRateMax, lr)));
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value));
    }
}
