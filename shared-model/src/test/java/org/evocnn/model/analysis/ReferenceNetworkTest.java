package org.evocnn.model.analysis;

import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReferenceNetworkTest {

    @ParameterizedTest
    @EnumSource(ReferenceNetwork.class)
    void analyticCountEqualsThePapersTrainableParams(ReferenceNetwork network) {
        Architecture arch = NetworkAnalyzer.analyze(network.genome());

        assertThat(arch.problems()).isEmpty();
        assertThat(arch.trainableParams()).isEqualTo(network.paperParams());
        assertThat(arch.layers().stream().mapToLong(LayerInfo::params).sum()).isEqualTo(network.paperParams());
    }

    @Test
    void paperCountsAreTheOnesPrintedInTables2And3() {
        assertThat(ReferenceNetwork.MNIST_BASELINE.paperParams()).isEqualTo(600_810);
        assertThat(ReferenceNetwork.MNIST_EVOLVED.paperParams()).isEqualTo(431_659);
        assertThat(ReferenceNetwork.FASHION_BASELINE.paperParams()).isEqualTo(356_234);
        assertThat(ReferenceNetwork.FASHION_EVOLVED.paperParams()).isEqualTo(1_714_219);
    }

    @Test
    void mnistBaselineForwardCostIsAbout12MegaFlops() {
        Architecture arch = NetworkAnalyzer.analyze(ReferenceNetwork.MNIST_BASELINE.genome());
        // 2 x (26*26*32*9 + 24*24*32*9*32 + 4608*128 + 128*10) multiply-accumulates
        assertThat(arch.flopsPerSample()).isEqualTo(2L * (194_688 + 5_308_416 + 589_824 + 1_280));
        assertThat(arch.flopsPerSample() / 1e6).isCloseTo(12.2, within(0.05));
    }

    @Test
    void mnistEvolvedShapesFollowSamePaddingAndValidPooling() {
        Architecture arch = NetworkAnalyzer.analyze(ReferenceNetwork.MNIST_EVOLVED.genome());

        assertThat(arch.layers()).extracting(LayerInfo::name).containsExactly(
                "conv2d_1", "conv2d_2", "max_pooling2d_1", "conv2d_3", "flatten_1",
                "dense_1", "dropout_1", "dense_2", "dense_3");
        assertThat(arch.layers().get(2).outputShape()).containsExactly(9, 9, 31);
        assertThat(arch.layers().get(4).outputShape()).containsExactly(9 * 9 * 33);
        assertThat(arch.layers().get(8).outputShape()).containsExactly(10);
    }

    @Test
    void summaryIsKerasStyle() {
        String summary = NetworkAnalyzer.analyze(ReferenceNetwork.MNIST_EVOLVED.genome()).summary();

        assertThat(summary)
                .contains("conv2d_1 (Conv2D)")
                .contains("(None, 28, 28, 22)")
                .contains("max_pooling2d_1 (MaxPooling2D)")
                .contains("(None, 9, 9, 31)")
                .contains("Trainable params: 431,659")
                .contains("Non-trainable params: 0");
    }

    @Test
    void referencesAreFoundByIdAndUnknownIdsNameTheKnownOnes() {
        assertThat(ReferenceNetwork.byId("Fashion-Evolved")).isEqualTo(ReferenceNetwork.FASHION_EVOLVED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceNetwork.byId("lenet"))
                .hasMessageContaining("unknown reference network 'lenet'")
                .hasMessageContaining("mnist-baseline");
    }
}
