package org.evocnn.engine.population;

import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopulationTest {

    private static Individual ind(long seq, double loss, double accuracy) {
        return new Individual(seq, ReferenceNetwork.MNIST_EVOLVED.genome(), loss, accuracy, 1);
    }

    @Test
    void keepsTheBestPopSizeAndDiscardsTheWorst() {
        Population p = new Population(3, Objectives.LOSS);

        assertThat(p.insert(ind(1, 0.5, 0))).isEmpty();
        assertThat(p.insert(ind(2, 0.3, 0))).isEmpty();
        assertThat(p.insert(ind(3, 0.9, 0))).isEmpty();
        assertThat(p.insert(ind(4, 0.1, 0))).get().extracting(Individual::sequence).isEqualTo(3L);
        assertThat(p.insert(ind(5, 0.95, 0))).get().extracting(Individual::sequence).isEqualTo(5L);

        assertThat(p.members()).extracting(Individual::sequence).containsExactly(4L, 2L, 1L);
        assertThat(p.best()).get().extracting(Individual::sequence).isEqualTo(4L);
    }

    @Test
    void accuracyObjectivePrefersHigherAccuracyAndTiesGoToTheEarlier() {
        Population p = new Population(2, Objectives.ACCURACY);
        p.insert(ind(1, 0.1, 0.90));
        p.insert(ind(2, 0.9, 0.95));
        p.insert(ind(3, 0.9, 0.95));

        assertThat(p.members()).extracting(Individual::sequence).containsExactly(2L, 3L);
    }

    @Test
    void tournamentOfThreeFromTwentyPicksTheBestWithTheExpectedFrequency() {
        Population p = new Population(20, Objectives.LOSS);
        for (int i = 0; i < 20; i++) {
            p.insert(ind(i + 1, i / 100.0, 0));
        }
        TournamentSelection selection = new TournamentSelection(3);
        SplittableRandom rng = new SplittableRandom(1);
        int[] wins = new int[20];
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            wins[(int) selection.select(p, rng).sequence() - 1]++;
        }
        // P(rank r wins) = ((20-r)^3 - (19-r)^3) / 20^3; binomial sd <= 0.0035, tolerance 4 sd
        for (int r : new int[] {0, 1, 5, 19}) {
            double expected = (Math.pow(20 - r, 3) - Math.pow(19 - r, 3)) / 8000.0;
            assertThat(wins[r] / (double) draws).as("rank %d", r).isCloseTo(expected, within(0.015));
        }
    }

    @Test
    void tournamentOfOneIsUniform() {
        Population p = new Population(4, Objectives.LOSS);
        for (int i = 0; i < 4; i++) {
            p.insert(ind(i + 1, i, 0));
        }
        SplittableRandom rng = new SplittableRandom(2);
        int[] wins = new int[4];
        for (int i = 0; i < 10_000; i++) {
            wins[(int) new TournamentSelection(1).select(p, rng).sequence() - 1]++;
        }
        for (int w : wins) {
            assertThat(w / 10_000.0).isCloseTo(0.25, within(0.02));
        }
    }
}
