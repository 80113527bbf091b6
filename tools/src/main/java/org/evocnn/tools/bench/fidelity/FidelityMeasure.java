package org.evocnn.tools.bench.fidelity;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.dl4j.Folds;
import org.evocnn.training.dl4j.NetworkFactory;
import org.evocnn.training.dl4j.Trainer;
import org.evocnn.training.dl4j.ZeroCostProxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way of scoring a genome in the fidelity study, cheap (a proxy) or expensive (the reference). Every one trains
 * with the same fixed genes (RMSProp, learning rate 0.001) and seed, the proxies at the search's batch of 64, the
 * reference at the paper's final batch of 128; a loss is lower-is-better, so NASWOT's score enters negated.
 *
 * @param name   how the study's files and tables name it, e.g. {@code holdout-10000x1}
 * @param images training images (0: all)
 * @param epochs epochs of training
 * @param folds  2 or more: k-fold cross-validation on the images; 1: a holdout split (4/5 trained, 1/5 validated,
 *               so the trained images are {@code images} and the subset 5/4 of it); 0: trained on the images, scored on
 *               the test set (the reference); -1: NASWOT at initialisation
 * @param batch  training batch size
 */
record FidelityMeasure(String name, int images, int epochs, int folds, int batch) {

    static final int BATCH = 64;
    static final long SEED = 1;
    static final int NASWOT_BATCH = 64;

    /** The proxies of the study, cheapest first. */
    static List<FidelityMeasure> proxies() {
        return List.of(new FidelityMeasure("naswot", 0, 0, -1, BATCH),
                new FidelityMeasure("cv-2000x1", 2_000, 1, 2, BATCH),
                new FidelityMeasure("holdout-2000x1", 2_000, 1, 1, BATCH),
                new FidelityMeasure("holdout-10000x1", 10_000, 1, 1, BATCH),
                new FidelityMeasure("holdout-60000x1", 48_000, 1, 1, BATCH));
    }

    /**
     * Training on all training images for {@code epochs} as the paper's final training does (batch 128), tested on the
     * test set.
     */
    static FidelityMeasure reference(int images, int epochs) {
        int batch = TrainingTask.paperFinal("any").batchSize();
        return new FidelityMeasure(String.format(Locale.ROOT, "test-%sx%d-b%d", images == 0 ? "all" : images, epochs,
                batch), images, epochs, 0, batch);
    }

    /** What a measurement gives: a loss (lower is better) and an accuracy (NaN for NASWOT). */
    record Value(double loss, double accuracy) {
    }

    Value measure(Genome genome, Dataset data) {
        TrainingTask task = new TrainingTask(data.id(), Math.max(folds, 2), Math.max(epochs, 1), batch, Optimizer.RMSPROP, 0.001,
                0, SEED);
        if (folds < 0) {
            double score = ZeroCostProxy.naswot(genome, task, data.inputShape(), data.train(), NASWOT_BATCH, SEED);
            return new Value(-score, Double.NaN);
        }
        if (folds == 0) {
            int[] train = Folds.subset(data.train(), images, SEED);
            return trainAndScore(genome, task, data, train, data.test(), Folds.identity(data.test().size()), 0);
        }
        if (folds == 1) {
            int[] subset = Folds.subset(data.train(), Math.min(data.train().size(), images * 5 / 4), SEED);
            Folds.Fold split = Folds.kFold(subset, 5).get(0);
            return trainAndScore(genome, task, data, split.train(), data.train(), split.validation(), 0);
        }
        int[] subset = Folds.subset(data.train(), images, SEED);
        List<Value> values = new ArrayList<>();
        int f = 0;
        for (Folds.Fold fold : Folds.kFold(subset, folds)) {
            values.add(trainAndScore(genome, task, data, fold.train(), data.train(), fold.validation(), ++f));
        }
        return new Value(values.stream().mapToDouble(Value::loss).average().orElseThrow(),
                values.stream().mapToDouble(Value::accuracy).average().orElseThrow());
    }

    private Value trainAndScore(Genome genome, TrainingTask task, Dataset data, int[] train,
                                org.evocnn.training.data.LabeledImages scored, int[] scoredAt, int fold) {
        MultiLayerNetwork network = NetworkFactory.build(genome, task, data.inputShape(), data.classes());
        try {
            long start = System.nanoTime();
            // long trainings say how far they are: a campaign's log shows a unit's progress
            Trainer.fit(network, data.train(), train, epochs, batch, SEED + 31L * fold,
                    org.evocnn.training.dl4j.Deadline.after(java.time.Duration.ofDays(30)), name, epoch -> {
                        if (epochs >= 5) {
                            System.out.printf(Locale.ROOT, "  %s: epoch %d of %d after %.0f s%n", name, epoch, epochs,
                                    (System.nanoTime() - start) / 1e9);
                        }
                        return true;
                    });
            Trainer.Score score = Trainer.score(network, scored, scoredAt, batch);
            return new Value(score.loss(), score.accuracy());
        } finally {
            network.close();
        }
    }
}
