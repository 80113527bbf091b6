package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.training.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Mini-batch training and scoring of a network on selected samples of a data set. */
public final class Trainer {

    /** Keras clips predicted probabilities to [1e-7, 1 - 1e-7] before taking the log. */
    static final double EPSILON = 1e-7;

    /** Mean categorical cross-entropy and accuracy over some samples. */
    public record Score(double loss, double accuracy) {
    }

    private Trainer() {
    }

    /** Trains for {@code epochs} over {@code indices}, reshuffled every epoch with a seeded generator. */
    public static void fit(MultiLayerNetwork network, LabeledImages data, int[] indices, int epochs, int batchSize,
                           long seed) {
        fit(network, data, indices, epochs, batchSize, seed, Deadline.after(java.time.Duration.ofDays(365 * 100L)), "");
    }

    /**
     * Trains as {@link #fit(MultiLayerNetwork, LabeledImages, int[], int, int, long)} and checks the deadline before
     * every batch.
     *
     * @throws Deadline.Exceeded naming {@code doing} and the epoch, when it passes
     */
    public static void fit(MultiLayerNetwork network, LabeledImages data, int[] indices, int epochs, int batchSize,
                           long seed, Deadline deadline, String doing) {
        fit(network, data, indices, epochs, batchSize, seed, deadline, doing, epoch -> true);
    }

    /** Called after each epoch (1-based); false stops the training there. */
    @FunctionalInterface
    public interface EpochEnd {
        boolean goOn(int epoch);
    }

    /**
     * Trains as above, asking {@code afterEpoch} after every epoch (the last included) whether to go on.
     *
     * @return false when {@code afterEpoch} said stop
     */
    public static boolean fit(MultiLayerNetwork network, LabeledImages data, int[] indices, int epochs, int batchSize,
                              long seed, Deadline deadline, String doing, EpochEnd afterEpoch) {
        Random rng = new Random(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = Folds.shuffled(indices, rng);
            for (int from = 0; from < order.length; from += batchSize) {
                deadline.check(doing + " in epoch " + (epoch + 1) + " of " + epochs);
                int to = Math.min(order.length, from + batchSize);
                network.fit(batch(data, order, from, to));
            }
            if (!afterEpoch.goOn(epoch + 1)) {
                return false;
            }
        }
        return true;
    }

    /** Scores in inference mode (no dropout). A NaN probability counts as the clipped minimum. */
    public static Score score(MultiLayerNetwork network, LabeledImages data, int[] indices, int batchSize) {
        double lossSum = 0;
        long correct = 0;
        int classes = data.classes();
        for (int from = 0; from < indices.length; from += batchSize) {
            int to = Math.min(indices.length, from + batchSize);
            INDArray features = features(data, indices, from, to);
            float[] probabilities = network.output(features, false).dup('c').data().asFloat();
            for (int i = from; i < to; i++) {
                int row = (i - from) * classes;
                int label = data.label(indices[i]);
                double p = probabilities[row + label];
                lossSum -= Math.log(p >= EPSILON ? Math.min(p, 1 - EPSILON) : EPSILON);
                int argmax = 0;
                for (int c = 1; c < classes; c++) {
                    if (probabilities[row + c] > probabilities[row + argmax]) {
                        argmax = c;
                    }
                }
                correct += argmax == label && !Float.isNaN(probabilities[row + argmax]) ? 1 : 0;
            }
        }
        return new Score(lossSum / indices.length, correct / (double) indices.length);
    }

    static DataSet batch(LabeledImages data, int[] indices, int from, int to) {
        float[] labels = new float[(to - from) * data.classes()];
        for (int i = from; i < to; i++) {
            labels[(i - from) * data.classes() + data.label(indices[i])] = 1f;
        }
        return new DataSet(features(data, indices, from, to),
                Nd4j.create(labels, new long[] {to - from, data.classes()}, 'c'));
    }

    /** Pixels scaled to [0, 1], one flattened image per row. */
    static INDArray features(LabeledImages data, int[] indices, int from, int to) {
        int px = data.pixelsPerImage();
        byte[] pixels = data.pixels();
        float[] values = new float[(to - from) * px];
        for (int i = from; i < to; i++) {
            int src = indices[i] * px;
            int dst = (i - from) * px;
            for (int j = 0; j < px; j++) {
                values[dst + j] = (pixels[src + j] & 0xff) * (1f / 255f);
            }
        }
        return Nd4j.create(values, new long[] {to - from, px}, 'c');
    }
}
