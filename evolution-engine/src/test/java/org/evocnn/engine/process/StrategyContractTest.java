package org.evocnn.engine.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every strategy promises, in the same loop: exactly the evaluation budget is submitted, never more than
 * maxInFlight at a time, the population never exceeds popSize and holds only ok results, lost results are replaced,
 * the same seed gives the same run, and a crash replays to the uninterrupted run.
 */
class StrategyContractTest {

    private static EvolutionConfig config(Mode mode, long seed) {
        return EvolutionConfig.builder().mode(mode).population(12, 6).maxInFlight(4).seed(seed)
                .termination(Termination.afterEvaluations(90)).build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theBudgetTheSlotsAndThePopulationHold(Mode mode) {
        SimulatedFleet fleet = new SimulatedFleet(c -> 1 + c.sequence() % 5, 11, 0.1, 0.05);
        Evolution run = SimulatedFleet.start(config(mode, 4), fleet);
        fleet.runToEnd();

        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(fleet.submitted).hasSize(90);
        assertThat(fleet.submitted).extracting(Candidate::sequence).doesNotHaveDuplicates();
        assertThat(fleet.maxObservedInFlight).isLessThanOrEqualTo(4);
        assertThat(fleet.maxObservedPopulation).isLessThanOrEqualTo(12);
        List<Long> lost = fleet.delivered.stream().filter(o -> o.status() != EvaluationOutcome.Status.OK)
                .map(EvaluationOutcome::sequence).toList();
        assertThat(lost).as("some results are lost, and the run still spends its whole budget").isNotEmpty();
        assertThat(run.population()).isNotEmpty().allSatisfy(i -> assertThat(lost).doesNotContain(i.sequence()));
        assertThat(run.stats().completed()).isEqualTo(90);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother(Mode mode) {
        assertThat(genomes(mode, 4)).isEqualTo(genomes(mode, 4)).isNotEqualTo(genomes(mode, 5));
    }

    private static List<String> genomes(Mode mode, long seed) {
        SimulatedFleet fleet = new SimulatedFleet(c -> 1 + c.sequence() % 5, 11, 0.1, 0.05);
        SimulatedFleet.start(config(mode, seed), fleet);
        fleet.runToEnd();
        return fleet.submitted.stream().map(c -> c.genome().canonicalForm()).toList();
    }
}
