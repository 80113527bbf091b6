package org.evocnn.model.analysis;

import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;

class ResourceCapsTest {

    /** Every field in range, 3.2 M parameters, but 5 GFLOP per sample and gigabytes of activations per batch. */
    private static final Genome HUNGRY = new Genome(List.of(new ConvBlock(4096, 28, RELU), new PoolBlock(28)),
            List.of(new DenseBlock(10, 0, RELU)));

    @Test
    void theTrainingMemoryEstimateCountsParametersActivationsAndTheLargestIm2colBuffer() {
        Architecture baseline = NetworkAnalyzer.analyze(ReferenceNetwork.MNIST_BASELINE.genome());

        // input 784, conv 26x26x32, conv 24x24x32, pool 12x12x32, dense 128, output 10
        assertThat(baseline.activationsPerSample()).isEqualTo(784 + 21_632 + 18_432 + 4_608 + 128 + 10);
        // the second convolution: 24x24 positions x 3x3 kernel x 32 input channels
        assertThat(baseline.convWorkspacePerSample()).isEqualTo(24 * 24 * 9 * 32);
        // 4 bytes x (params x (value, gradient, RMSProp state) + batch x (2 x activations + im2col))
        assertThat(baseline.trainingBytes(128, 1)).isEqualTo(4L * (600_810L * 3 + 128L * (2 * 45_594 + 165_888)));
        assertThat(baseline.trainingBytes(128, 2)).isEqualTo(baseline.trainingBytes(128, 1) + 4L * 600_810);
    }

    @Test
    void theDefaultsAdmitThePapersNetworksAndRefuseTheHungryOneNamingEstimateAndCap() {
        for (ReferenceNetwork network : ReferenceNetwork.values()) {
            assertThat(ResourceCaps.DEFAULTS.rejection(NetworkAnalyzer.analyze(network.genome()), 128, 1))
                    .as(network.id()).isEmpty();
        }
        Architecture hungry = NetworkAnalyzer.analyze(HUNGRY);
        assertThat(hungry.valid()).isTrue();
        assertThat(hungry.trainableParams()).isLessThan(ResourceCaps.DEFAULT_MAX_PARAMS);
        assertThat(hungry.flopsPerSample()).isEqualTo(2L * 28 * 28 * 4096 * 28 * 28 + 2L * 4096 * 10 + 2L * 10 * 10);

        assertThat(ResourceCaps.DEFAULTS.rejection(hungry, 128, 1))
                .contains("5,035,344,072 forward FLOPs per sample exceed the cap of 2,000,000,000");
        assertThat(ResourceCaps.DEFAULTS.allows(hungry, 128, 1)).isFalse();
        ResourceCaps memoryOnly = new ResourceCaps(0, 0, ResourceCaps.DEFAULT_MAX_TRAINING_BYTES);
        long estimate = hungry.trainingBytes(128, 1);
        assertThat(estimate).isGreaterThan(3L << 30);
        assertThat(memoryOnly.rejection(hungry, 128, 1))
                .contains("training needs about %,d MiB per batch of 128, over the cap of 2,048 MiB"
                        .formatted(estimate >> 20));
        assertThat(ResourceCaps.NONE.rejection(hungry, 128, 1)).isEmpty();
        assertThat(ResourceCaps.NONE.allows(hungry, 128, 1)).isTrue();
    }

    @Test
    void anUnbuildableGenomeIsRefusedWithItsProblems() {
        Genome collapsing = new Genome(List.of(new PoolBlock(28), new PoolBlock(2)), List.of(new DenseBlock(5, 0, RELU)));
        assertThat(ResourceCaps.NONE.rejection(NetworkAnalyzer.analyze(collapsing), 1, 0))
                .contains("conv[1]: pool 2x2 shrinks its 1x1 input below 1x1");
    }
}
