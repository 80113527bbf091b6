package org.evocnn.model.analysis;

import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;
import static org.evocnn.model.genome.Activation.TANH;

class NetworkAnalyzerTest {

    private static final DenseBlock DENSE = new DenseBlock(64, 0.2, RELU);

    @Test
    void poolThatShrinksASideBelowOneIsInvalidWithTheReason() {
        // 28 -> 9 -> 3 -> 1 -> (pool 3 on 1x1) collapses
        Genome genome = new Genome(List.of(new PoolBlock(3), new PoolBlock(3), new PoolBlock(3), new PoolBlock(2)),
                List.of(DENSE));

        Architecture arch = NetworkAnalyzer.analyze(genome);

        assertThat(arch.valid()).isFalse();
        assertThat(arch.problems()).containsExactly(
                new Violation("conv[3]", "pool 2x2 shrinks its 1x1 input below 1x1"));
        assertThat(arch.summary()).startsWith("invalid genome:").contains("conv[3]: pool 2x2");
    }

    @Test
    void validConvolutionLargerThanItsInputIsInvalid() {
        Genome genome = new Genome(List.of(new PoolBlock(3), new PoolBlock(3),
                new ConvBlock(8, 5, RELU, Padding.VALID)), List.of(DENSE));

        Architecture arch = NetworkAnalyzer.analyze(genome);

        assertThat(arch.problemText()).isEqualTo("conv[2]: kernel 5x5 does not fit its 3x3 input with valid padding");
    }

    @Test
    void sameConvolutionKeepsTheSideAndSamePoolingRoundsUp() {
        Genome genome = new Genome(List.of(new ConvBlock(4, 5, RELU), new PoolBlock(3, Padding.SAME)), List.of());

        Architecture arch = NetworkAnalyzer.analyze(genome, new InputShape(10, 7, 3), 5);

        assertThat(arch.layers().get(0).outputShape()).containsExactly(10, 7, 4);
        assertThat(arch.layers().get(1).outputShape()).containsExactly(4, 3, 4);
        // conv 5*5*3*4+4, output (4*3*4)*5+5
        assertThat(arch.trainableParams()).isEqualTo(304 + 245);
        assertThat(arch.flopsPerSample()).isEqualTo(2L * 5 * 5 * 3 * 4 * 10 * 7 + 2L * 48 * 5);
    }

    @Test
    void zeroFiltersAndOtherOutOfRangeFieldsAreReportedNotThrown() {
        Genome genome = new Genome(List.of(new ConvBlock(0, 3, RELU), new ConvBlock(8, 0, TANH), new PoolBlock(29)),
                List.of(new DenseBlock(0, 1.0, RELU)));

        Architecture arch = NetworkAnalyzer.analyze(genome);

        assertThat(arch.valid()).isFalse();
        assertThat(arch.problems()).extracting(Violation::toString).containsExactly(
                "conv[0].filters: 0 is outside 1..4096",
                "conv[1].kernelSize: 0 is outside 1..28",
                "conv[2].poolSize: 29 is outside 1..28",
                "dense[0].size: 0 is outside 1..100000",
                "dense[0].dropout: 1.0 is outside [0, 1)");
    }

    @Test
    void kernelBoundFollowsTheInputShape() {
        Genome genome = new Genome(List.of(new ConvBlock(8, 30, RELU)), List.of(DENSE));

        assertThat(NetworkAnalyzer.analyze(genome).problemText()).isEqualTo("conv[0].kernelSize: 30 is outside 1..28");
        assertThat(NetworkAnalyzer.analyze(genome, new InputShape(32, 32, 3), 10).valid()).isTrue();
    }

    @Test
    void genomeWithoutConvolutionsIsADenseNetworkOnTheFlattenedInput() {
        Genome genome = new Genome(List.of(), List.of(new DenseBlock(100, 0.0, RELU)));

        Architecture arch = NetworkAnalyzer.analyze(genome);

        assertThat(arch.trainableParams()).isEqualTo(784 * 100 + 100 + 100 * 10 + 10);
    }

    @Test
    void tooFewClassesIsAProblem() {
        Architecture arch = NetworkAnalyzer.analyze(new Genome(List.of(), List.of(DENSE)), InputShape.MNIST, 1);
        assertThat(arch.problemText()).startsWith("classes: 1 is outside 2..");
    }
}
