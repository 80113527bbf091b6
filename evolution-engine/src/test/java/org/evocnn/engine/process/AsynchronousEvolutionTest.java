package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AsynchronousEvolutionTest {

    private static EvolutionConfig config(long maxEvaluations, long seed) {
        return EvolutionConfig.builder().termination(Termination.afterEvaluations(maxEvaluations)).seed(seed)
                .population(20, 10).maxInFlight(5).build();
    }

    @Test
    void breedingStartsOnlyAfterMinPopSizeResults() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(1);
        Evolution run = SimulatedFleet.start(config(300, 7), fleet);

        fleet.runToEnd();

        // Every candidate submitted before the minPopSize-th ok result is random; every later one is bred.
        List<Long> okOrder = fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.OK)
                .map(EvaluationOutcome::sequence).toList();
        long tenthOk = okOrder.get(9);
        int tenthOkAt = fleet.delivered.stream().map(EvaluationOutcome::sequence).toList().indexOf(tenthOk);
        long submittedBeforeBreeding = 5 + tenthOkAt; // initial fill, then one per result before the 10th ok one
        for (Candidate c : fleet.submitted) {
            if (c.sequence() <= submittedBeforeBreeding) {
                assertThat(c.offspring().origin()).as("candidate %d", c.sequence()).isEqualTo("random");
            } else {
                assertThat(c.offspring().origin()).as("candidate %d", c.sequence()).isNotEqualTo("random");
            }
        }
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
    }

    @Test
    void inFlightNeverExceedsMaxInFlightAndEachResultBreedsExactlyOne() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(2);
        SimulatedFleet.start(config(400, 11), fleet);

        fleet.runToEnd();

        assertThat(fleet.maxObservedInFlight).isEqualTo(5);
        // The initial fill submits maxInFlight randoms; from then on each result frees one slot and fills it,
        // until maxEvaluations submissions have been made.
        assertThat(fleet.submitted).hasSize(400);
        List<Integer> perAccept = fleet.submissionsPerAccept;
        assertThat(perAccept.subList(0, 400 - 5)).containsOnly(1);
        assertThat(perAccept.subList(400 - 5, 400)).containsOnly(0);
        assertThat(fleet.breedingAtAccept).contains(true);
    }

    @Test
    void populationNeverExceedsPopSizeAndHoldsTheBestSeen() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(3);
        Evolution run = SimulatedFleet.start(config(250, 5), fleet);

        fleet.runToEnd();

        assertThat(fleet.maxObservedPopulation).isEqualTo(20);
        List<Individual> everyOk = new ArrayList<>();
        for (EvaluationOutcome o : fleet.delivered) {
            Candidate c = fleet.submitted.get((int) o.sequence() - 1);
            everyOk.add(new Individual(c.sequence(), c.genome(), o.loss(), o.accuracy(), o.trainableParams()));
        }
        List<Long> bestTwenty = everyOk.stream().sorted(Objectives.LOSS.bestFirst()).limit(20)
                .map(Individual::sequence).toList();
        assertThat(run.population()).extracting(Individual::sequence).containsExactlyElementsOf(bestTwenty);
        assertThat(run.best()).get().extracting(Individual::sequence).isEqualTo(bestTwenty.get(0));
        assertThat(fleet.discardedIndividuals).hasSize(250 - 20);
    }

    @Test
    void sameSeedAndSameResultOrderGiveAnIdenticalRun() {
        SimulatedFleet a = SimulatedFleet.flopsProportional(4);
        SimulatedFleet b = SimulatedFleet.flopsProportional(4);
        Evolution runA = SimulatedFleet.start(config(200, 99), a);
        Evolution runB = SimulatedFleet.start(config(200, 99), b);

        a.runToEnd();
        b.runToEnd();

        assertThat(b.submitted).isEqualTo(a.submitted);
        assertThat(runB.population()).isEqualTo(runA.population());

        SimulatedFleet c = SimulatedFleet.flopsProportional(4);
        SimulatedFleet.start(config(200, 100), c);
        c.runToEnd();
        assertThat(c.submitted.stream().map(Candidate::genome).toList())
                .isNotEqualTo(a.submitted.stream().map(Candidate::genome).toList());
    }

    @Test
    void invalidAndFailedResultsNeverEnterThePopulationButAreCountedAndRefilled() {
        SimulatedFleet fleet = new SimulatedFleet(c -> 1 + (c.sequence() % 7), 5, 0.15, 0.10);
        Evolution run = SimulatedFleet.start(config(300, 3), fleet);

        fleet.runToEnd();

        Set<Long> lost = fleet.delivered.stream().filter(o -> o.status() != EvaluationOutcome.Status.OK)
                .map(EvaluationOutcome::sequence).collect(Collectors.toSet());
        EvolutionStats stats = run.stats();
        assertThat(stats.invalid()).isEqualTo(fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.INVALID).count()).isPositive();
        assertThat(stats.failed()).isEqualTo(fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.FAILED).count()).isPositive();
        assertThat(stats.ok() + stats.invalid() + stats.failed()).isEqualTo(300);
        assertThat(run.population()).extracting(Individual::sequence).doesNotContainAnyElementsOf(lost);
        assertThat(fleet.discardedIndividuals).extracting(Individual::sequence).doesNotContainAnyElementsOf(lost);
        assertThat(fleet.submissionsPerAccept.subList(0, 295)).containsOnly(1);
    }

    @Test
    void duplicateAndUnknownResultsAreIgnored() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(6);
        Evolution run = SimulatedFleet.start(config(50, 1), fleet);
        run.start();
        Candidate first = run.inFlight().get(0);

        assertThat(run.accept(EvaluationOutcome.ok(first.sequence(), 0.5, 0.8, 100, 1))).isTrue();
        assertThat(run.accept(EvaluationOutcome.ok(first.sequence(), 0.1, 0.9, 100, 1))).isFalse();
        assertThat(run.accept(EvaluationOutcome.ok(999, 0.1, 0.9, 100, 1))).isFalse();

        assertThat(run.stats().completed()).isEqualTo(1);
        assertThat(run.stats().ignored()).isEqualTo(2);
        assertThat(run.population()).singleElement().extracting(Individual::loss).isEqualTo(0.5);
    }

    @Test
    void terminatesAtTheTimeBudgetAndDrainsWhatIsInFlight() {
        SimulatedFleet fleet = new SimulatedFleet(c -> 10, 1, 0, 0);
        Evolution run = SimulatedFleet.start(config(1, 1).toBuilder().termination(new Termination(0, 95, null)).build(), fleet);

        fleet.runToEnd();

        // 5 slots, 10 s each: results at 10, 20, ..., 90 s keep refilling; those of 100 s end the run.
        assertThat(run.terminationReason()).contains(TerminationReason.TIME_BUDGET);
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.stats().submitted()).isEqualTo(50);
        assertThat(run.stats().completed()).isEqualTo(50);
    }

    @Test
    void pollEndsARunWhoseResultsDoNotCome() {
        SimulatedFleet fleet = new SimulatedFleet(c -> 1000, 1, 0, 0);
        Evolution run = SimulatedFleet.start(config(1, 1).toBuilder().termination(new Termination(0, 60, null)).build(), fleet);
        run.start();

        fleet.advance(Duration.ofSeconds(59));
        run.poll();
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        fleet.advance(Duration.ofSeconds(1));
        run.poll();
        assertThat(run.state()).isEqualTo(RunState.STOPPING);
        while (fleet.step()) {
            // the 5 outstanding results still count
        }
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.stats().completed()).isEqualTo(5);
    }

    @Test
    void terminatesWhenTheTargetFitnessIsReached() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(8);
        Evolution run = SimulatedFleet.start(config(1, 2).toBuilder().termination(new Termination(5000, 0, 0.08)).build(), fleet);

        fleet.runToEnd();

        assertThat(run.terminationReason()).contains(TerminationReason.TARGET_FITNESS);
        assertThat(run.best()).get().extracting(Individual::loss).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.DOUBLE).isLessThanOrEqualTo(0.08);
        assertThat(run.stats().completed()).isLessThan(5000);
    }

    @Test
    void stopEndsSubmittingButAcceptsOutstandingResults() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(9);
        Evolution run = SimulatedFleet.start(config(1000, 2), fleet);
        run.start();
        fleet.step();
        fleet.step();

        run.stop();
        int submitted = fleet.submitted.size();
        while (fleet.step()) {
            // drain
        }

        assertThat(fleet.submitted).hasSize(submitted);
        assertThat(run.terminationReason()).contains(TerminationReason.STOPPED);
        assertThat(run.stats().completed()).isEqualTo(submitted);
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
    }

    @Test
    void offspringAreNeverEqualToTheirParentsAndAlwaysBuildable() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(10);
        SimulatedFleet.start(config(400, 12), fleet);

        fleet.runToEnd();

        for (Candidate c : fleet.submitted) {
            assertThat(org.evocnn.model.analysis.NetworkAnalyzer.analyze(c.genome()).valid()).isTrue();
            for (long parent : c.offspring().parents()) {
                assertThat(c.genome()).isNotEqualTo(fleet.submitted.get((int) parent - 1).genome());
            }
        }
    }

    @Test
    void asynchronousRunKeepsSlotsBusyWithVariableLatency() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(11);
        Evolution run = SimulatedFleet.start(config(200, 4), fleet);

        fleet.runToEnd();

        assertThat(run.elapsed()).isPositive();
        assertThat(run.stats().submitted()).isEqualTo(200);
        assertThat(run.stats().inFlight()).isZero();
    }
}
