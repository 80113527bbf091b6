package org.evocnn.engine.process;

import org.evocnn.engine.fidelity.Rungs;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.genome.FieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Asynchronous successive halving inside Algorithm 1, on a simulated fleet and clock. */
class SuccessiveHalvingTest {

    private static final int RUNGS = 3;
    private static final int ETA = 3;

    private static EvolutionConfig config(Mode mode, long seed) {
        return EvolutionConfig.builder().mode(mode).termination(Termination.afterEvaluations(300)).seed(seed)
                .population(10, 5).maxInFlight(4).fidelity(halving(RUNGS, ETA, SuccessiveHalving.Selection.TOP)).build();
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

    /** Loss grows by 0.3 per rung below the top (less training), so adjusted losses equal the top rung's. */
    private static SimulatedFleet rungDependent(long seed) {
        SimulatedFleet fleet = fleet(seed);
        fleet.loss = c -> SimulatedFleet.lossOf(c) + 0.3 * (RUNGS - 1 - c.rung());
        return fleet;
    }

    private static EvolutionConfig adjusted(long seed) {
        return config(Mode.ASYNC, seed).toBuilder()
                .fidelity(halving(RUNGS, ETA, SuccessiveHalving.Selection.ADJUSTED)).build();
    }

    /** Index of the first submission bred from the population (not random, not a promotion). */
    private static int firstBred(SimulatedFleet fleet) {
        for (int i = 0; i < fleet.submitted.size(); i++) {
            if (!fleet.submitted.get(i).offspring().parents().isEmpty()) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void rungAdjustedSelectionAdmitsLowerRungsAtTheTopRungsScaleOncePerGenome() {
        SimulatedFleet fleet = rungDependent(9);
        Evolution run = SimulatedFleet.start(adjusted(10), fleet);
        fleet.runToEnd();

        Map<Long, Candidate> bySequence = new HashMap<>();
        fleet.submitted.forEach(c -> bySequence.put(c.sequence(), c));
        List<Individual> members = run.population();
        assertThat(members).anyMatch(i -> i.rung() < RUNGS - 1).anyMatch(i -> i.rung() == RUNGS - 1);
        for (Individual i : members) {
            Candidate c = bySequence.get(i.sequence());
            assertThat(i.rung()).isEqualTo(c.rung());
            // measured at rung r it lost 0.3 (top - r) more; the median change between rungs takes that away
            assertThat(i.loss()).as("member " + i.sequence()).isCloseTo(SimulatedFleet.lossOf(c), within(1e-9));
        }
        // a genome is in the population once: no member is a lower-rung result of another member
        List<Long> sequences = members.stream().map(Individual::sequence).toList();
        for (Individual i : members) {
            for (long below = bySequence.get(i.sequence()).promotedFrom(); below != 0;
                 below = bySequence.get(below).promotedFrom()) {
                assertThat(sequences).as("below " + i.sequence()).doesNotContain(below);
            }
        }
        // the run's best is still measured at the task's fidelity
        assertThat(run.best()).get().extracting(Individual::rung).isEqualTo(RUNGS - 1);
        assertThat(fleet.submitted.stream().filter(c -> !c.promoted()).flatMap(c -> c.offspring().parents().stream()))
                .anyMatch(p -> bySequence.get(p).rung() < RUNGS - 1);
    }

    @Test
    void rungAdjustedSelectionStartsBreedingSoonerThanTopRungOnly() {
        SimulatedFleet top = rungDependent(11);
        SimulatedFleet.start(config(Mode.ASYNC, 12), top);
        top.runToEnd();
        SimulatedFleet adjusted = rungDependent(11);
        SimulatedFleet.start(adjusted(12), adjusted);
        adjusted.runToEnd();

        assertThat(firstBred(adjusted)).isLessThan(firstBred(top) / 2);
    }

    @Test
    void theOffsetOfARungIsTheSumOfMedianChangesUpToTheTop() {
        Rungs rungs = new Rungs(halving(3, 3, SuccessiveHalving.Selection.TOP), Objectives.LOSS);
        assertThat(rungs.offset(0)).isEmpty();
        double[][] pairs = {{1.0, 0.8}, {1.2, 0.9}, {0.9, 0.8}, {2.0, 0.1}}; // changes -0.2 -0.3 -0.1 -1.9: median -0.25
        long sequence = 1;
        for (double[] pair : pairs) {
            rungs.completed(0, individual(sequence, pair[0]), null);
            rungs.climbed(sequence, 1, pair[1]);
            sequence++;
        }
        assertThat(rungs.offset(1)).isEmpty();
        assertThat(rungs.offset(0)).as("rung 1 to 2 has no pair yet").isEmpty();
        rungs.completed(1, individual(100, 0.7), null);
        rungs.climbed(100, 2, 0.6);
        assertThat(rungs.offset(1).orElseThrow()).isCloseTo(-0.1, within(1e-12));
        assertThat(rungs.offset(0).orElseThrow()).isCloseTo(-0.35, within(1e-12));
        assertThat(rungs.offset(2).orElseThrow()).isZero();
    }

    private static Individual individual(long sequence, double loss) {
        return new Individual(sequence, ReferenceNetwork.MNIST_EVOLVED.genome(), loss, 0.5, 1);
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
        assertThatThrownBy(() -> halving(3, 1, SuccessiveHalving.Selection.TOP)).isInstanceOf(FieldException.class)
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

    /** Successive halving with {@code rungs} rungs in all (the lower ones' tasks do not matter to the engine). */
    static SuccessiveHalving halving(int rungs, int eta, SuccessiveHalving.Selection selection) {
        return new SuccessiveHalving(java.util.Collections.nCopies(rungs - 1,
                new org.evocnn.engine.fidelity.Rung(0, 0, 0)), eta, selection);
    }
}
