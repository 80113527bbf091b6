package org.evocnn.engine.population;

import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every objective promises, whichever it is: a ranking is a permutation, independent of the input's order; a
 * network better in every respect (lower loss, higher accuracy, fewer parameters and FLOPs) ranks ahead and is the
 * best; the screening key grows with the predicted loss; the name reads back.
 */
class ObjectiveContractTest {

    static Stream<Objective> objectives() {
        return Stream.of(Objectives.LOSS, Objectives.ACCURACY, Objectives.penalisedLoss(0.05),
                Objectives.pareto(Objectives.Size.PARAMS), Objectives.pareto(Objectives.Size.FLOPS));
    }

    private static List<Individual> sample(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Individual> individuals = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            double loss = 0.2 + rng.nextDouble();
            long params = 1_000 + rng.nextInt(1_000_000);
            individuals.add(new Individual(i, ReferenceNetwork.MNIST_BASELINE.genome(), loss, 1.2 - loss, params,
                    params * 10, 0));
        }
        return individuals;
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void aRankingIsAPermutationWhateverTheInputOrder(Objective objective) {
        List<Individual> individuals = sample(3);
        List<Individual> ranked = objective.rank(individuals);
        assertThat(ranked).containsExactlyInAnyOrderElementsOf(individuals);
        List<Individual> shuffled = new ArrayList<>(individuals);
        Collections.shuffle(shuffled, new java.util.Random(9));
        assertThat(objective.rank(shuffled)).containsExactlyElementsOf(ranked);
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void aNetworkBetterInEveryRespectRanksFirstAndIsTheBest(Objective objective) {
        List<Individual> individuals = new ArrayList<>(sample(5));
        Individual dominant = new Individual(99, ReferenceNetwork.MNIST_BASELINE.genome(), 0.01, 0.999, 10, 100, 0);
        individuals.add(dominant);
        assertThat(objective.rank(individuals).get(0)).isEqualTo(dominant);
        assertThat(individuals.stream().min(objective.bestFirst())).contains(dominant);
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void theScreeningKeyGrowsWithThePredictedLoss(Objective objective) {
        assertThat(objective.screeningKey(0.3, 50_000, 500_000))
                .isLessThan(objective.screeningKey(0.4, 50_000, 500_000));
    }

    @ParameterizedTest
    @MethodSource("objectives")
    void itsNameReadsBack(Objective objective) {
        Objectives.Size size = objective instanceof Objectives.Pareto p ? p.size() : Objectives.Size.PARAMS;
        double penalty = objective instanceof Objectives.PenalisedLoss p ? p.lambda() : 0.05;
        assertThat(Objectives.byName(objective.name(), penalty, size)).isEqualTo(objective);
    }
}
