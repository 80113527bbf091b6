package org.evocnn.engine.population;

import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** NSGA-II's ranking on small sets checked by hand, and what the population and tournaments do with it. */
class ParetoTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** An individual at (loss, params). */
    private static Individual at(long sequence, double loss, long params) {
        return new Individual(sequence, ReferenceNetwork.MNIST_BASELINE.genome(), loss, 0.9, params);
    }

    @Test
    void frontsAndCrowdingOfAHandCheckedSet() {
        // (1,5) (2,3) (4,1) dominate nothing of each other; (3,4) is dominated by (2,3); (5,5) by (3,4) too
        ParetoRanking r = ParetoRanking.of(new double[][] {{1, 5}, {2, 3}, {3, 4}, {4, 1}, {5, 5}});

        assertThat(r.fronts()).isEqualTo(3);
        assertThat(List.of(r.front(0), r.front(1), r.front(2), r.front(3), r.front(4))).containsExactly(0, 0, 1, 0, 2);
        // front 0 sorted by x: (1,5) (2,3) (4,1): the extremes are infinite; (2,3): 3/3 in x + 4/4 in y
        assertThat(r.crowding(0)).isEqualTo(INF);
        assertThat(r.crowding(3)).isEqualTo(INF);
        assertThat(r.crowding(1)).isCloseTo(2.0, within(1e-12));
        assertThat(r.crowding(2)).isEqualTo(INF); // alone in its front
    }

    @Test
    void onePointAllEqualPointsAndDuplicates() {
        ParetoRanking one = ParetoRanking.of(new double[][] {{0.3, 100}});
        assertThat(one.front(0)).isZero();
        assertThat(one.crowding(0)).isEqualTo(INF);

        // equal points do not dominate each other: one front; the extremes of each sort are infinite, the rest 0
        ParetoRanking equal = ParetoRanking.of(new double[][] {{1, 1}, {1, 1}, {1, 1}});
        assertThat(List.of(equal.front(0), equal.front(1), equal.front(2))).containsOnly(0);
        assertThat(List.of(equal.crowding(0), equal.crowding(1), equal.crowding(2))).containsExactly(INF, 0.0, INF);

        ParetoRanking duplicates = ParetoRanking.of(new double[][] {{1, 1}, {2, 2}, {1, 1}});
        assertThat(List.of(duplicates.front(0), duplicates.front(1), duplicates.front(2))).containsExactly(0, 1, 0);
        assertThat(duplicates.crowding(0)).isEqualTo(INF);
        assertThat(duplicates.crowding(2)).isEqualTo(INF);
    }

    @Test
    void aFullParetoPopulationDropsTheLastFrontThenTheMostCrowdedOfTheFront() {
        Population p = new Population(3, Objectives.pareto(Objectives.Size.PARAMS));
        p.insert(at(1, 1, 5_000));
        p.insert(at(2, 2, 3_000));
        p.insert(at(3, 4, 1_000));
        assertThat(p.insert(at(4, 3, 4_000))).as("dominated by (2, 3000)").map(Individual::sequence).contains(4L);

        // a fourth non-dominated point: front of four; crowding (2, 3000) = 1.5/3 + 3/4 = 1.25,
        // (2.5, 2000) = 2/3 + 2/4 = 1.17: the latter goes
        assertThat(p.insert(at(5, 2.5, 2_000))).map(Individual::sequence).contains(5L);
        assertThat(p.members()).extracting(Individual::sequence).containsExactlyInAnyOrder(1L, 2L, 3L);
        // the extremes (infinite crowding) rank before the middle one; the best single individual is the lowest loss
        assertThat(p.members()).extracting(Individual::sequence).containsExactly(1L, 3L, 2L);
        assertThat(Objectives.pareto(Objectives.Size.PARAMS).rank(p.members()).get(0).sequence()).isEqualTo(1L);
    }

    @Test
    void theFrontIsTheNonDominatedLowestLossFirst() {
        List<Individual> all = List.of(at(1, 1, 5_000), at(2, 2, 3_000), at(3, 3, 4_000), at(4, 4, 1_000));
        assertThat(Objectives.frontOf(all, Objectives.Size.PARAMS)).extracting(Individual::sequence)
                .containsExactly(1L, 2L, 4L);
    }

    @Test
    void aTournamentOnParetoRanksPrefersLowerFrontsThenLessCrowdedPoints() {
        Population p = new Population(10, Objectives.pareto(Objectives.Size.PARAMS));
        p.insert(at(1, 1, 5_000));
        p.insert(at(2, 4, 1_000));
        p.insert(at(3, 5, 6_000)); // front 1
        TournamentSelection tournament = new TournamentSelection(2);
        SplittableRandom rng = new SplittableRandom(4);
        int dominatedWins = 0;
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            if (tournament.select(p, rng).sequence() == 3) {
                dominatedWins++;
            }
        }
        // the dominated one wins only when both draws are it: (1/3)^2
        assertThat(dominatedWins / (double) draws).isCloseTo(1.0 / 9, within(0.015));
    }

    @Test
    void thePenalisedLossPricesSize() {
        Objective penalised = Objectives.penalisedLoss(0.05);
        Individual big = at(1, 0.30, 1_000_000); // 0.30 + 0.05 * 6 = 0.60
        Individual small = at(2, 0.33, 100_000); // 0.33 + 0.05 * 5 = 0.58
        assertThat(penalised.rank(List.of(big, small))).extracting(Individual::sequence).containsExactly(2L, 1L);
        assertThat(Objectives.LOSS.rank(List.of(big, small))).extracting(Individual::sequence).containsExactly(1L, 2L);
        assertThat(penalised.reached(small, 0.58 + 1e-9)).isTrue();
        assertThat(penalised).isEqualTo(Objectives.byName("penalised-loss", 0.05, Objectives.Size.PARAMS));
    }
}
