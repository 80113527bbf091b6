package org.evocnn.engine.process;

import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Individual;
import org.evocnn.model.genome.FieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asynchronous successive halving inside Algorithm 1, on a simulated fleet and clock. */
class SuccessiveHalvingTest {

    private static final int RUNGS = 3;
    private static final int ETA = 3;

    private static EvolutionConfig config(Mode mode, long seed) {
        return EvolutionConfig.builder().mode(mode).termination(Termination.afterEvaluations(300)).seed(seed)
                .population(10, 5).maxInFlight(4).fidelity(new SuccessiveHalving(RUNGS, ETA)).build();
    }

    /** Lower rungs cost a third of the rung above; the loss does not depend on the rung. */
    private static SimulatedFleet fleet(long seed) {
        return new SimulatedFleet(c -> (1 + c.offspring().flops() / 1e6) * Math.pow(ETA, c.rung() - (RUNGS - 1)),
                seed, 0.05, 0.05);
    }

    @Test
    void onlyTheTopThirdOfARungIsPromotedAndEveryPromotionClimbsOneRung() {
        for (Mode mode : List.of(Mode.ASYNC, Mode.REGULARIZED, Mode.RANDOM)) {
            SimulatedFleet fleet = fleet(1);
            Evolution run = SimulatedFleet.start(config(mode, 2), fleet);
            fleet.runToEnd();

            Map<Long, Candidate> bySequence = new HashMap<>();
            fleet.submitted.forEach(c -> bySequence.put(c.sequence(), c));
            int promotions = 0;
            for (int i = 0; i < fleet.submitted.size(); i++) {
                Candidate c = fleet.submitted.get(i);
                if (!c.promoted()) {
                    assertThat(c.rung()).as("a new genome starts at the lowest rung").isZero();
                    continue;
                }
                promotions++;
                Candidate from = bySequence.get(c.promotedFrom());
                assertThat(c.rung()).isEqualTo(from.rung() + 1);
                assertThat(c.genome()).isEqualTo(from.genome());
                // among the ok results of the source's rung delivered before this submission, it ranks in the top 1/η
                List<EvaluationOutcome> rung = new ArrayList<>();
                for (EvaluationOutcome o : fleet.delivered.subList(0, fleet.resultsBeforeSubmit.get(i))) {
                    if (o.status() == EvaluationOutcome.Status.OK && bySequence.get(o.sequence()).rung() == from.rung()) {
                        rung.add(o);
                    }
                }
                rung.sort(Comparator.comparingDouble(EvaluationOutcome::loss)
                        .thenComparingLong(EvaluationOutcome::sequence));
                List<Long> top = rung.subList(0, rung.size() / ETA).stream().map(EvaluationOutcome::sequence).toList();
                assertThat(top).as(mode + ": promotion of " + from.sequence()).contains(from.sequence());
            }
            assertThat(promotions).as(mode.name()).isEqualTo(run.stats().promotions()).isGreaterThan(20);
            assertThat(fleet.submitted.stream().filter(c -> c.rung() == RUNGS - 1)).as(mode.name()).isNotEmpty();
            assertThat(fleet.submitted.stream().filter(Candidate::promoted).map(Candidate::promotedFrom).distinct())
                    .as("never promoted twice").hasSize(promotions);
        }
    }

    @Test
    void noRungWaitsAndThePopulationHoldsOnlyTopRungResults() {
        SimulatedFleet fleet = fleet(3);
        Evolution run = SimulatedFleet.start(config(Mode.ASYNC, 4), fleet);
        fleet.runToEnd();

        Map<Long, Candidate> bySequence = new HashMap<>();
        fleet.submitted.forEach(c -> bySequence.put(c.sequence(), c));
        assertThat(fleet.maxObservedInFlight).isEqualTo(4);
        // every result before the budget ran out freed a slot that was filled at once: nobody waits for a rung
        int beforeBudget = (int) fleet.submitted.stream().filter(c -> c.sequence() > 4).count();
        assertThat(fleet.submissionsPerAccept.subList(0, beforeBudget)).allMatch(n -> n == 1);
        assertThat(run.population()).isNotEmpty()
                .allMatch(i -> bySequence.get(i.sequence()).rung() == RUNGS - 1);
        assertThat(run.best()).get().extracting(i -> bySequence.get(i.sequence()).rung()).isEqualTo(RUNGS - 1);
        // the best of the top rung is the best the run saw at full fidelity
        double bestTop = fleet.delivered.stream().filter(o -> o.status() == EvaluationOutcome.Status.OK
                && bySequence.get(o.sequence()).rung() == RUNGS - 1).mapToDouble(EvaluationOutcome::loss).min()
                .orElseThrow();
        assertThat(run.best().map(Individual::loss)).contains(bestTop);
        // breeding draws parents from the population only, so from top-rung results
        assertThat(fleet.submitted.stream().filter(c -> !c.promoted()).flatMap(c -> c.offspring().parents().stream()))
                .allMatch(p -> bySequence.get(p).rung() == RUNGS - 1);
    }

    @Test
    void oneRungIsThePaper() {
        SimulatedFleet plain = SimulatedFleet.flopsProportional(5);
        SimulatedFleet.start(EvolutionConfig.builder().seed(6).build(), plain);
        plain.runToEnd();
        SimulatedFleet off = SimulatedFleet.flopsProportional(5);
        SimulatedFleet.start(EvolutionConfig.builder().seed(6).fidelity(SuccessiveHalving.OFF).build(), off);
        off.runToEnd();

        assertThat(off.submitted).isEqualTo(plain.submitted);
        assertThat(off.submitted).allMatch(c -> c.rung() == 0 && !c.promoted());
    }

    @Test
    void aGenerationalRunCannotHalve() {
        assertThatThrownBy(() -> config(Mode.SYNC, 1)).isInstanceOf(FieldException.class)
                .hasMessageContaining("fidelity");
        assertThatThrownBy(() -> new SuccessiveHalving(3, 1)).isInstanceOf(FieldException.class)
                .hasMessageContaining("eta");
    }

    @Test
    void theFitnessCacheDoesNotAnswerAPromotionWithTheRungBelow() {
        SimulatedFleet fleet = fleet(7);
        Evolution run = SimulatedFleet.start(config(Mode.ASYNC, 8).toBuilder().fitnessCache(true)
                .searchSpace(TinySpace.get())
                .build(), fleet);
        fleet.runToEnd();

        assertThat(run.stats().promotions()).isPositive();
        assertThat(fleet.hits).isNotEmpty();
        // a hit reuses a result of the same rung: a promotion is trained again at its higher fidelity
        for (EvaluationOutcome hit : fleet.hits) {
            assertThat(fleet.evaluatedCandidates.get(hit.cachedFrom()).rung())
                    .isEqualTo(fleet.evaluatedCandidates.get(hit.sequence()).rung());
        }
        assertThat(fleet.submitted.stream().filter(Candidate::promoted).filter(c -> c.rung() == 1)
                .map(c -> c.genome().canonicalForm()).distinct().count())
                .as("every genome reaching rung 1 was trained there once")
                .isEqualTo(fleet.evaluatedCandidates.values().stream().filter(c -> c.rung() == 1)
                        .map(c -> c.genome().canonicalForm()).distinct().count());
    }
}
