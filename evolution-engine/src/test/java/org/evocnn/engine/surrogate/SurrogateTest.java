package org.evocnn.engine.surrogate;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SurrogateTest {

    private static final Offspring ONE = new Offspring(ReferenceNetwork.MNIST_BASELINE.genome(), List.of(), "random",
            600_810, 12_188_000);

    @Test
    void ranksShareTiesAndSpearmanIsPearsonOfRanks() {
        assertThat(RankCorrelation.ranks(new double[] {3, 1, 2, 1})).containsExactly(4, 1.5, 3, 1.5);
        assertThat(RankCorrelation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1, within(1e-12));
        assertThat(RankCorrelation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1, within(1e-12));
        assertThat(RankCorrelation.pearson(new double[] {1, 1, 1}, new double[] {3, 2, 1})).isNaN();

        Surrogate s = new Surrogate(new Screening(4, 2, 1), (names, x, y) -> f -> 0);
        s.judged(0.1, 5);
        s.judged(0.2, 7);
        assertThat(s.rankCorrelation()).as("below three pairs").isNaN();
        s.judged(0.3, 6); // monotone but for one swap: ranks (1,2,3) vs (1,3,2)
        assertThat(s.rankCorrelation()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fitsOnceEnoughResultsAreInThenEveryRefitEveryResults() {
        List<Integer> fittedOn = new ArrayList<>();
        Surrogate s = new Surrogate(new Screening(4, 3, 2), (names, x, y) -> {
            assertThat(names).hasSize(x[0].length);
            fittedOn.add(y.length);
            return f -> y.length;
        });
        assertThatThrownBy(() -> s.predict(ONE)).isInstanceOf(IllegalStateException.class);
        for (int i = 0; i < 8; i++) {
            s.observed(ONE, i);
        }
        assertThat(fittedOn).containsExactly(3, 5, 7);
        assertThat(s.active()).isTrue();
        assertThat(s.predict(ONE)).isEqualTo(7);
    }

    @Test
    void featuresDescribeTheArchitectureAndItsTrainingGenes() {
        double[] f = Features.of(ReferenceNetwork.MNIST_BASELINE.genome(), 600_810, 12_188_000);
        assertThat(f).hasSize(Features.NAMES.size());
        assertThat(f[Features.NAMES.indexOf("convolutions")]).isEqualTo(2);
        assertThat(f[Features.NAMES.indexOf("pools")]).isEqualTo(1);
        assertThat(f[Features.NAMES.indexOf("log10Params")]).isCloseTo(Math.log10(600_810), within(1e-12));
        assertThat(f[Features.NAMES.indexOf("log10LearningRate")]).as("no training genes").isZero();
    }
}
