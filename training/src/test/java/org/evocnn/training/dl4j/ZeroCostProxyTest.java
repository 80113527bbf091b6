package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.data.LabeledImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** NASWOT at initialisation, with real DL4J on the committed fixture. */
class ZeroCostProxyTest {

    private static final LabeledImages IMAGES = Fixture.registry().get("mnist").train();
    private static final TrainingTask TASK = new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 3);
    private static final Genome RELU_CNN = new Genome(
            List.of(new ConvBlock(16, 3, Activation.RELU), new PoolBlock(2), new ConvBlock(16, 3, Activation.RELU)),
            List.of(new DenseBlock(64, 0, Activation.RELU)));
    private static final int[] BATCH = ZeroCostProxy.sample(IMAGES.size(), 64, 7);

    private static MultiLayerNetwork fresh() {
        return NetworkFactory.build(RELU_CNN, TASK, InputShape.MNIST, 10);
    }

    /** Every unit of the layer off: biases so negative that no image turns a ReLU on. */
    private static void kill(MultiLayerNetwork network, int layer) {
        var bias = network.getLayer(layer).getParam("b");
        network.getLayer(layer).setParam("b", bias.dup().assign(-1e4));
    }

    @Test
    void deadReluLayersScoreLowerThanHealthyOnes() {
        double healthy = ZeroCostProxy.naswot(fresh(), IMAGES, BATCH);

        MultiLayerNetwork deadDense = fresh();
        kill(deadDense, 3);
        MultiLayerNetwork deadConv = fresh();
        kill(deadConv, 2);
        kill(deadConv, 3);
        MultiLayerNetwork allDead = fresh();
        kill(allDead, 0);
        kill(allDead, 2);
        kill(allDead, 3);

        assertThat(ZeroCostProxy.naswot(deadDense, IMAGES, BATCH)).isLessThan(healthy);
        assertThat(ZeroCostProxy.naswot(deadConv, IMAGES, BATCH))
                .isLessThan(ZeroCostProxy.naswot(deadDense, IMAGES, BATCH));
        // every code equal: K = A J, so log det(K + I) = log(1 + 64 A)
        double units = 16 * 28 * 28 + 16 * 14 * 14 + 64;
        assertThat(ZeroCostProxy.naswot(allDead, IMAGES, BATCH)).isCloseTo(Math.log(1 + 64 * units), within(1e-6));
    }

    @Test
    void theScoreIsDeterministicUnderASeedAndDependsOnIt() {
        double a = ZeroCostProxy.naswot(RELU_CNN, TASK, InputShape.MNIST, IMAGES, 32, 5);
        double b = ZeroCostProxy.naswot(RELU_CNN, TASK, InputShape.MNIST, IMAGES, 32, 5);
        double otherImages = ZeroCostProxy.naswot(RELU_CNN, TASK, InputShape.MNIST, IMAGES, 32, 6);
        assertThat(a).isEqualTo(b).isNotEqualTo(otherImages);
        // 32 images with pairwise distinct codes: log det lies between that of a rank-1 kernel and the identity's scale
        assertThat(a).isGreaterThan(Math.log(1 + 32.0 * (16 * 28 * 28 + 16 * 14 * 14 + 64)));
    }

    @Test
    void choleskyLogDetOfAKnownMatrix() {
        double[][] m = {{4, 2, 0}, {2, 3, 1}, {0, 1, 2}};
        // det = 4(6 - 1) - 2(4 - 0) = 12
        assertThat(ZeroCostProxy.logDetPositiveDefinite(m)).isCloseTo(Math.log(12), within(1e-12));
    }
}
