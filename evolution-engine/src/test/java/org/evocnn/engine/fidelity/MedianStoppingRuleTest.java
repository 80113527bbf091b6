package org.evocnn.engine.fidelity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MedianStoppingRuleTest {

    @Test
    void thresholdsAreMediansOfRunningAveragesOverFolds() {
        // three evaluations, two folds, three epochs
        List<List<List<Double>>> curves = List.of(
                List.of(List.of(2.0, 1.0, 0.6), List.of(2.0, 1.0, 0.9)),   // epoch 1: 2.0, 2: 1.5, 3: (1.2+1.3)/2
                List.of(List.of(1.0, 0.8, 0.6), List.of(1.2, 1.0, 0.8)),   // epoch 1: 1.1, 2: 1.0, 3: 0.9
                List.of(List.of(3.0, 3.0, 3.0), List.of(3.0, 3.0, 3.0)));  // 3.0 throughout
        List<Double> t = new MedianStoppingRule(3).thresholds(curves, 3);

        assertThat(t).hasSize(3);
        assertThat(t.get(0)).isCloseTo(2.0, within(1e-12));
        assertThat(t.get(1)).isCloseTo(1.5, within(1e-12));
        assertThat(t.get(2)).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void inactiveUntilEnoughCurvesReachTheEpoch() {
        List<List<List<Double>>> curves = List.of(
                List.of(List.of(1.0, 0.5)), List.of(List.of(2.0, 1.0)), List.of(List.of(4.0)), List.of(List.of(3.0)));
        List<Double> t = new MedianStoppingRule(3).thresholds(curves, 3);

        assertThat(t.get(0)).isCloseTo(2.5, within(1e-12)); // median of 1, 2, 3, 4
        assertThat(t.get(1)).as("only two curves reach epoch 2").isNull();
        assertThat(t.get(2)).isNull();
        assertThat(new MedianStoppingRule(5).thresholds(curves, 1)).containsExactly((Double) null);
        assertThat(new MedianStoppingRule(1).thresholds(List.of(), 2)).containsExactly(null, null);
    }
}
