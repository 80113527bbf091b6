package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.space.IntRange;
import org.evocnn.engine.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Random search, regularized evolution, the evaluator-seconds budget and the fitness cache on a simulated fleet. */
class StrategiesTest {

    private static EvolutionConfig.Builder config(Mode mode, long seed) {
        return EvolutionConfig.builder().mode(mode).termination(Termination.afterEvaluations(200)).seed(seed)
                .population(10, 5).maxInFlight(4);
    }

    private static List<String> run(EvolutionConfig config, long fleetSeed) {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(fleetSeed);
        SimulatedFleet.start(config, fleet);
        fleet.runToEnd();
        return fleet.submitted.stream().map(c -> c.genome().architectureHash()).toList();
    }

    @Test
    void randomSearchNeverBreedsAndIsDeterministicUnderASeed() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(1);
        Evolution random = SimulatedFleet.start(config(Mode.RANDOM, 3).build(), fleet);
        fleet.runToEnd();

        assertThat(random.strategy()).isInstanceOf(RandomSearch.class);
        assertThat(fleet.submitted).hasSize(200).allMatch(c -> c.offspring().origin().equals("random"));
        assertThat(random.population()).hasSize(10);
        assertThat(run(config(Mode.RANDOM, 3).build(), 1)).isEqualTo(run(config(Mode.RANDOM, 3).build(), 1));
        assertThat(run(config(Mode.RANDOM, 3).build(), 1)).isNotEqualTo(run(config(Mode.RANDOM, 4).build(), 1));
    }

    @Test
    void regularizedEvolutionBreedsAndItsPopulationIsTheYoungest() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(2);
        Evolution aging = SimulatedFleet.start(config(Mode.REGULARIZED, 5).build(), fleet);
        fleet.runToEnd();

        assertThat(fleet.submitted).anyMatch(c -> !c.offspring().origin().equals("random"));
        List<Long> okOrder = fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.OK)
                .map(EvaluationOutcome::sequence).toList();
        assertThat(aging.population()).extracting(Individual::sequence)
                .containsExactlyInAnyOrderElementsOf(okOrder.subList(okOrder.size() - 10, okOrder.size()));
        assertThat(run(config(Mode.REGULARIZED, 5).build(), 2)).isEqualTo(run(config(Mode.REGULARIZED, 5).build(), 2));
        // the paper's loop keeps the best instead, from the same start
        assertThat(run(config(Mode.REGULARIZED, 5).build(), 2)).isNotEqualTo(run(config(Mode.ASYNC, 5).build(), 2));
    }

    @Test
    void theEvaluatorSecondsBudgetCountsWhatResultsCost() {
        for (Mode mode : Mode.values()) {
            SimulatedFleet fleet = SimulatedFleet.flopsProportional(3);
            Evolution run = SimulatedFleet.start(config(mode, 7)
                    .termination(new Termination(0, 0, null, 50.0)).build(), fleet);
            fleet.runToEnd();

            double spent = fleet.delivered.stream().mapToDouble(EvaluationOutcome::wallSeconds).sum();
            assertThat(run.stats().evaluatorSeconds()).as(mode.name()).isEqualTo(spent);
            assertThat(run.terminationReason()).as(mode.name()).contains(TerminationReason.EVALUATOR_SECONDS);
            // the budget stops submissions; the results out at that moment still come
            double beforeLastSubmission = 0;
            for (int i = 0; i < fleet.resultsBeforeSubmit.get(fleet.submitted.size() - 1); i++) {
                beforeLastSubmission += fleet.delivered.get(i).wallSeconds();
            }
            assertThat(beforeLastSubmission).as(mode.name()).isLessThan(50.0);
            assertThat(spent).as(mode.name()).isGreaterThanOrEqualTo(50.0);
        }
    }

    @Test
    void stoppedEvaluationsAreCountedAndNeverEnterThePopulation() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(4);
        fleet.stoppedRate = 0.4;
        Evolution run = SimulatedFleet.start(config(Mode.ASYNC, 9).build(), fleet);
        fleet.runToEnd();

        List<Long> stopped = fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.STOPPED)
                .map(EvaluationOutcome::sequence).toList();
        assertThat(stopped).hasSizeGreaterThan(40);
        assertThat(run.stats().stopped()).isEqualTo(stopped.size());
        assertThat(run.stats().completed()).isEqualTo(200);
        assertThat(run.stats().ok() + run.stats().stopped()).isEqualTo(200);
        assertThat(run.population()).extracting(Individual::sequence).doesNotContainAnyElementsOf(stopped);
        assertThat(run.stats().evaluatorSeconds()).isEqualTo(
                fleet.delivered.stream().mapToDouble(EvaluationOutcome::wallSeconds).sum());
    }

    /** A space of a few hundred genomes, so that offspring repeat. */
    private static EvolutionConfig.Builder small(long seed, boolean cache) {
        return config(Mode.ASYNC, seed).fitnessCache(cache).searchSpace(SearchSpace.builder()
                .filters(IntRange.of(10, 11)).kernelSize(IntRange.of(2, 3)).poolSize(IntRange.of(2, 2))
                .denseSize(IntRange.of(10, 11)).activations(List.of(org.evocnn.model.genome.Activation.RELU))
                .dropouts(List.of(0.0)).initialConvBlocks(IntRange.of(1, 1)).initialDenseBlocks(IntRange.of(1, 1))
                .build());
    }

    @Test
    void theFitnessCacheSendsNoGenomeTwiceAndCountsItsHits() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(4);
        Evolution cached = SimulatedFleet.start(small(11, true).build(), fleet);
        fleet.runToEnd();

        Set<String> sent = new HashSet<>();
        for (Candidate c : fleet.submitted) {
            assertThat(sent.add(c.genome().canonicalForm())).as("candidate %d sent before", c.sequence()).isTrue();
        }
        EvolutionStats stats = cached.stats();
        assertThat(stats.cacheHits()).isPositive();
        assertThat(stats.completed()).isEqualTo(200);
        assertThat(stats.submitted()).isEqualTo(200).isEqualTo(fleet.submitted.size() + stats.cacheHits());
        assertThat(stats.evaluatorSeconds()).isEqualTo(fleet.delivered.stream()
                .mapToDouble(EvaluationOutcome::wallSeconds).sum());

        SimulatedFleet uncachedFleet = SimulatedFleet.flopsProportional(4);
        SimulatedFleet.start(small(11, false).build(), uncachedFleet);
        uncachedFleet.runToEnd();
        assertThat(uncachedFleet.submitted.stream().map(c -> c.genome().canonicalForm()).distinct().count())
                .as("without the cache the same space is trained twice and more").isLessThan(200);
    }

    @Test
    void withTheCacheADuplicateIsBredAgainSoTheRunTrainsNewGenomesWhileThereAreAny() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(4);
        Evolution cached = SimulatedFleet.start(small(11, true).build(), fleet);
        fleet.runToEnd();
        // answering duplicates from the cache at once trained 40 genomes of 200 here and reused 160 results, since
        // each reused result entered the population again; breeding again trains new genomes while the space has them
        assertThat(fleet.submitted).hasSizeGreaterThanOrEqualTo(150);
        assertThat(cached.stats().cacheHits()).isLessThanOrEqualTo(50);
        assertThat(cached.stats().completed()).isEqualTo(200);
    }
}
