package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.LabeledImages;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A score of an untrained network, computed at initialisation in one forward pass: NASWOT (Mellor et al. 2021,
 * "Neural Architecture Search without Training"). Each image of a mini-batch gets a binary code, which units of the
 * hidden layers are on (past the middle of their activation: above 0, or above 0.5 for the sigmoids); the kernel
 * K[i][j] counts the units on which images i and j agree. A network that tells images apart has codes far from each
 * other and a large log det(K). Dead layers (every unit off) give every image the same code there, and lower the score.
 * K + I is used, so a network whose codes all agree scores finitely. Deterministic: the network is initialised with
 * the task's seed and the images drawn with {@code seed}.
 */
public final class ZeroCostProxy {

    /** The paper's mini-batch. */
    public static final int DEFAULT_BATCH = 64;

    private ZeroCostProxy() {
    }

    /** The score of {@code genome} freshly initialised, on {@code batch} training images drawn with {@code seed}. */
    public static double naswot(Genome genome, TrainingTask task, InputShape input, LabeledImages images, int batch,
                                long seed) {
        MultiLayerNetwork network = NetworkFactory.build(genome, task, input, images.classes());
        return naswot(network, images, sample(images.size(), batch, seed));
    }

    /** The score of a network as it is, on the images at {@code indices}. */
    public static double naswot(MultiLayerNetwork network, LabeledImages images, int[] indices) {
        int n = indices.length;
        INDArray features = Trainer.features(images, indices, 0, n);
        List<INDArray> activations = network.feedForward(features, false);
        double[][] agree = new double[n][n];
        for (int l = 0; l < network.getnLayers(); l++) {
            Layer layer = network.getLayer(l);
            if (!(layer.conf().getLayer() instanceof BaseLayer conf) || conf instanceof OutputLayer) {
                continue; // pooling has no units of its own; the softmax is not a region code
            }
            INDArray out = activations.get(l + 1).reshape(n, -1);
            INDArray on = out.gt(threshold(conf.getActivationFn())).castTo(DataType.DOUBLE);
            INDArray off = on.rsub(1.0);
            double[][] same = on.mmul(on.transpose()).addi(off.mmul(off.transpose())).toDoubleMatrix();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    agree[i][j] += same[i][j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            agree[i][i] += 1;
        }
        return logDetPositiveDefinite(agree);
    }

    /** Where a unit counts as on: the middle of its activation's range. */
    private static double threshold(IActivation activation) {
        return activation instanceof ActivationSigmoid || activation instanceof ActivationHardSigmoid ? 0.5 : 0.0;
    }

    /** {@code batch} distinct indices below {@code size}, drawn with {@code seed}. */
    static int[] sample(int size, int batch, long seed) {
        int[] all = Folds.identity(size);
        SplittableRandom rng = new SplittableRandom(seed);
        int k = Math.min(batch, size);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /** log det of a symmetric positive-definite matrix, by Cholesky (modifies nothing). */
    static double logDetPositiveDefinite(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        double logDet = 0;
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("not positive definite at column " + j);
            }
            l[j][j] = Math.sqrt(d);
            logDet += 2 * Math.log(l[j][j]);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return logDet;
    }
}
