package org.evocnn.training.dl4j;

import org.evocnn.training.data.LabeledImages;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FoldsTest {

    private static LabeledImages data(int n, int classes) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 7 == 0 ? 0 : i % classes);
        }
        return new LabeledImages(new byte[n * 4], labels, 2, 2, classes);
    }

    @Test
    void everySampleIsValidatedExactlyOnceAndNeverTrainedOnInItsFold() {
        int[] indices = Folds.subset(data(1_003, 10), 0, 1);
        List<Folds.Fold> folds = Folds.kFold(indices, 3);

        int[] validatedCount = new int[1_003];
        for (Folds.Fold fold : folds) {
            assertThat(fold.train().length + fold.validation().length).isEqualTo(1_003);
            Set<Integer> train = new HashSet<>();
            Arrays.stream(fold.train()).forEach(train::add);
            for (int v : fold.validation()) {
                validatedCount[v]++;
                assertThat(train).doesNotContain(v);
            }
        }
        assertThat(validatedCount).containsOnly(1);
        assertThat(folds).extracting(f -> f.validation().length).containsExactly(335, 334, 334);
    }

    @Test
    void subsetIsStratifiedAndDeterministic() {
        LabeledImages data = data(10_000, 10);
        int[] subset = Folds.subset(data, 500, 42);

        assertThat(subset).hasSize(500).doesNotHaveDuplicates();
        assertThat(Folds.subset(data, 500, 42)).containsExactly(subset);
        assertThat(Folds.subset(data, 500, 43)).isNotEqualTo(subset);
        int[] perClass = new int[10];
        int[] population = new int[10];
        for (int i : subset) {
            perClass[data.label(i)]++;
        }
        for (int i = 0; i < data.size(); i++) {
            population[data.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertThat((double) perClass[c]).isCloseTo(500.0 * population[c] / data.size(),
                    org.assertj.core.api.Assertions.within(1.0));
        }
    }

    @Test
    void zeroOrOversizedSubsetMeansEverySample() {
        LabeledImages data = data(50, 5);
        assertThat(Folds.subset(data, 0, 1)).hasSize(50).doesNotHaveDuplicates();
        assertThat(Folds.subset(data, 80, 1)).hasSize(50);
    }

    @Test
    void moreFoldsThanSamplesIsAnError() {
        assertThatThrownBy(() -> Folds.kFold(new int[] {1, 2}, 3)).hasMessage("3 folds for 2 samples");
    }
}
