package org.evocnn.engine.operators;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BreederTest {

    private final Breeder breeder = new Breeder(SearchSpace.defaults(), Variation.defaults(),
            new TournamentSelection(3), InputShape.MNIST, 10, 128, 1);

    private Population population(SplittableRandom rng) {
        Population p = new Population(20, Objectives.LOSS);
        for (int i = 0; i < 20; i++) {
            p.insert(new Individual(i + 1, breeder.random(rng).genome(), rng.nextDouble(), 0.5, 1));
        }
        return p;
    }

    @Test
    void crossoverAndMutationAreAppliedWithTheirProbabilitiesAmongAcceptedOffspring() {
        SplittableRandom rng = new SplittableRandom(1);
        Population p = population(rng);
        int crossed = 0;
        int mutated = 0;
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            String origin = breeder.breed(p, rng).origin();
            crossed += origin.startsWith("crossover") ? 1 : 0;
            mutated += origin.contains("+") || !origin.startsWith("crossover") ? 1 : 0;
        }
        // Offspring equal to a parent are re-drawn: draws with neither operator (0.4 * 0.8 = 0.32) always are, so
        // the accepted ones are crossed with probability about 0.6 / 0.68 and mutated with about 0.2 / 0.68;
        // crossovers of equal or interchangeable parts are also re-drawn, which lowers the first a little.
        assertThat(crossed / (double) draws).isCloseTo(0.6 / 0.68, within(0.05));
        assertThat(mutated / (double) draws).isCloseTo(0.2 / 0.68, within(0.05));
    }

    @Test
    void offspringAreBuildableAndDifferFromTheirParents() {
        SplittableRandom rng = new SplittableRandom(2);
        Population p = population(rng);
        for (int i = 0; i < 5_000; i++) {
            Offspring o = breeder.breed(p, rng);
            assertThat(NetworkAnalyzer.analyze(o.genome()).trainableParams()).isEqualTo(o.trainableParams());
            for (Individual member : p.members()) {
                if (o.parents().contains(member.sequence())) {
                    assertThat(o.genome()).isNotEqualTo(member.genome());
                }
            }
        }
    }

    @Test
    void parameterCapRedrawsLargeOffspring() {
        SearchSpace capped = SearchSpace.builder().maxParams(300_000).build();
        Breeder small = new Breeder(capped, Variation.defaults(), new TournamentSelection(3), InputShape.MNIST, 10,
                128, 1);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 1_000; i++) {
            assertThat(small.random(rng).trainableParams()).isLessThanOrEqualTo(300_000);
        }
        assertThat(small.redrawn()).isPositive();
    }
}
