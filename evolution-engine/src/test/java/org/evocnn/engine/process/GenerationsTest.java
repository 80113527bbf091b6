package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationsTest {

    private static EvolutionConfig config(long maxEvaluations, long seed) {
        return EvolutionConfig.builder().termination(Termination.afterEvaluations(maxEvaluations)).seed(seed)
                .mode(Mode.SYNC).population(20, 10).maxInFlight(5).build();
    }

    @Test
    void nextGenerationIsSubmittedOnlyAfterTheWholeGenerationIsBack() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(1);
        Generations run = (Generations) SimulatedFleet.start(config(100, 3), fleet).strategy();

        fleet.runToEnd();

        assertThat(run.generation()).isEqualTo(4);
        // generation g holds sequences 20g+1 .. 20g+20 (no lost results here); each is submitted only after
        // all 20g results of the earlier generations have arrived
        for (Candidate c : fleet.submitted) {
            int generation = (int) (c.sequence() - 1) / 20;
            assertThat(fleet.resultsBeforeSubmit.get((int) c.sequence() - 1)).as("candidate %d", c.sequence())
                    .isGreaterThanOrEqualTo(20 * generation);
        }
        assertThat(fleet.resultsBeforeSubmit.get(20)).isEqualTo(20);
        assertThat(fleet.submitted.subList(0, 20)).allMatch(c -> c.offspring().origin().equals("random"));
        assertThat(fleet.submitted.subList(20, 100)).noneMatch(c -> c.offspring().origin().equals("random"));
    }

    @Test
    void slotsIdleAtTheGenerationBarrier() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(2);
        SimulatedFleet.start(config(60, 3), fleet);

        fleet.runToEnd();

        assertThat(fleet.maxObservedInFlight).isEqualTo(5);
        // at the end of each generation results arrive that submit nothing until the generation is complete
        long idleAccepts = fleet.submissionsPerAccept.subList(0, 40).stream().filter(n -> n == 0).count();
        assertThat(idleAccepts).isGreaterThan(0);
    }

    @Test
    void populationIsTheLastCompleteGenerationAndLostMembersAreReplaced() {
        SimulatedFleet fleet = new SimulatedFleet(c -> 1 + c.sequence() % 3, 7, 0.1, 0.1);
        Evolution run = SimulatedFleet.start(config(150, 5), fleet);

        fleet.runToEnd();

        assertThat(run.population()).hasSize(20);
        long lost = fleet.delivered.stream().filter(o -> o.status() != EvaluationOutcome.Status.OK).count();
        assertThat(lost).isPositive();
        assertThat(run.stats().ok()).isEqualTo(150 - lost);
        List<Long> lostSeq = fleet.delivered.stream().filter(o -> o.status() != EvaluationOutcome.Status.OK)
                .map(EvaluationOutcome::sequence).toList();
        assertThat(run.population()).extracting(Individual::sequence).doesNotContainAnyElementsOf(lostSeq);
    }

    @Test
    void sameSeedGivesAnIdenticalRun() {
        List<List<Candidate>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SimulatedFleet fleet = SimulatedFleet.flopsProportional(5);
            SimulatedFleet.start(config(80, 42), fleet);
            fleet.runToEnd();
            runs.add(fleet.submitted);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }
}
