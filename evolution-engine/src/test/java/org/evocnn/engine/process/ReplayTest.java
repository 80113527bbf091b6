package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run rebuilt from its recorded history after a crash continues exactly as the uninterrupted run. */
class ReplayTest {

    private static EvolutionConfig config(Mode mode) {
        return EvolutionConfig.builder().termination(Termination.afterEvaluations(200)).seed(17).mode(mode)
                .population(20, 10).maxInFlight(5).build();
    }

    /** Records what a journal would: start, submissions and results, with the fleet's clock. */
    private static final class Recorder implements EvolutionListener {
        final List<Replay.Event> events = new ArrayList<>();
        final SimulatedFleet fleet;

        Recorder(SimulatedFleet fleet) {
            this.fleet = fleet;
        }

        @Override
        public void submitted(Candidate candidate) {
            events.add(new Replay.Submitted(fleet.instant(), candidate.sequence(), candidate.genome().architectureHash()));
        }

        @Override
        public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
            if (!outcome.cached()) { // a cache hit is not history: the replay makes it again (as the service does)
                events.add(new Replay.Evaluated(fleet.instant(), outcome));
            }
        }
    }

    private static org.evocnn.engine.surrogate.SurrogateModel.Trainer models;

    private static Evolution startRecorded(EvolutionConfig config, SimulatedFleet fleet, Recorder recorder) {
        fleet.evolution = Evolutions.create(config, fleet, fleet, recorder, models);
        recorder.events.add(new Replay.Started(fleet.instant()));
        fleet.evolution.start();
        return fleet.evolution;
    }

    private static void assertRecoversExactly(Mode mode, int crashAfter) {
        assertRecoversExactly(config(mode), crashAfter);
    }

    private static void assertRecoversExactly(EvolutionConfig config, int crashAfter) {
        SimulatedFleet uninterrupted = SimulatedFleet.flopsProportional(5);
        Evolution reference = startRecorded(config, uninterrupted, new Recorder(uninterrupted));
        while (uninterrupted.step()) {
            // to the end
        }

        SimulatedFleet fleet = SimulatedFleet.flopsProportional(5);
        Recorder recorder = new Recorder(fleet);
        startRecorded(config, fleet, recorder);
        for (int i = 0; i < crashAfter; i++) {
            fleet.step();
        }
        // crash: the engine is gone; its outstanding requests stay with the fleet (the broker) and answer later
        Evolution rebuilt = Replay.rebuild(config, List.copyOf(recorder.events), fleet, fleet, recorder, models);
        fleet.evolution = rebuilt;
        while (fleet.step()) {
            // to the end
        }

        assertThat(fleet.submitted).isEqualTo(uninterrupted.submitted);
        assertThat(fleet.delivered).isEqualTo(uninterrupted.delivered);
        assertThat(rebuilt.population()).extracting(Individual::sequence)
                .containsExactlyElementsOf(reference.population().stream().map(Individual::sequence).toList());
        assertThat(rebuilt.stats()).isEqualTo(reference.stats());
        assertThat(rebuilt.state()).isEqualTo(RunState.FINISHED);
        // the listener (the journal) heard each submission and result once: the replay itself is silent
        assertThat(recorder.events.stream().filter(Replay.Submitted.class::isInstance)).hasSize(fleet.submitted.size());
        assertThat(recorder.events.stream().filter(Replay.Evaluated.class::isInstance)).hasSize(fleet.delivered.size());
    }

    @Test
    void aRenumberedRunSkipsTheNumbersSpendsItsWholeBudgetAndReplaysWithTheRenumbering() {
        EvolutionConfig config = config(Mode.ASYNC);
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(5);
        Recorder recorder = new Recorder(fleet);
        fleet.evolution = Evolutions.create(config, fleet, fleet, recorder, models);
        recorder.events.add(new Replay.Started(fleet.instant()));
        fleet.evolution.start();
        for (int i = 0; i < 30; i++) {
            fleet.step();
        }
        long from = fleet.submitted.get(fleet.submitted.size() - 1).sequence() + 1;
        fleet.evolution.renumber(from, from + 50);
        recorder.events.add(new Replay.Renumbered(fleet.instant(), from, from + 50));
        assertThatThrownBy(() -> fleet.evolution.renumber(from - 5, from + 60))
                .as("numbers already given cannot be renumbered").isInstanceOf(IllegalStateException.class);
        while (fleet.step()) {
            // to the end
        }
        List<Long> sequences = fleet.submitted.stream().map(Candidate::sequence).toList();
        assertThat(sequences).hasSize(200).doesNotHaveDuplicates()
                .noneMatch(q -> q >= from && q < from + 50).contains(from + 50);
        assertThat(fleet.evolution.stats().completed()).isEqualTo(200);

        SimulatedFleet again = SimulatedFleet.flopsProportional(5);
        Evolution rebuilt = Replay.rebuild(config, List.copyOf(recorder.events), again, again, EvolutionListener.NONE,
                models);
        assertThat(rebuilt.stats()).isEqualTo(fleet.evolution.stats());
        assertThat(rebuilt.population()).extracting(Individual::sequence).containsExactlyElementsOf(
                fleet.evolution.population().stream().map(Individual::sequence).toList());
    }

    @Test
    void asynchronousRunContinuesFromItsHistory() {
        assertRecoversExactly(Mode.ASYNC, 3);
        assertRecoversExactly(Mode.ASYNC, 80);
    }

    @Test
    void synchronousRunContinuesFromItsHistory() {
        assertRecoversExactly(Mode.SYNC, 57);
    }

    @Test
    void theNewStrategiesContinueFromTheirHistory() {
        assertRecoversExactly(Mode.RANDOM, 41);
        assertRecoversExactly(Mode.REGULARIZED, 63);
    }

    @Test
    void anIslandRunContinuesWithTheSameMigrations() {
        assertRecoversExactly(config(Mode.ISLANDS).toBuilder().population(8, 4)
                .islands(new Islands(3, 7, 2, Islands.Topology.RING)).build(), 61);
        assertRecoversExactly(config(Mode.ISLANDS).toBuilder().population(8, 4)
                .islands(new Islands(4, 5, 1, Islands.Topology.RANDOM)).build(), 97);
    }

    @Test
    void aSuccessiveHalvingRunContinuesWithTheSamePromotions() {
        EvolutionConfig halving = config(Mode.ASYNC).toBuilder()
                .fidelity(SuccessiveHalvingTest.halving(3, 3, org.evocnn.engine.fidelity.SuccessiveHalving.Selection.TOP)).build();
        SimulatedFleet probe = SimulatedFleet.flopsProportional(5);
        Evolution straight = SimulatedFleet.start(halving, probe);
        probe.runToEnd();
        assertThat(straight.stats().promotions()).isGreaterThan(10);

        assertRecoversExactly(halving, 7);
        assertRecoversExactly(halving, 45);
        EvolutionConfig adjusted = config(Mode.ASYNC).toBuilder().fidelity(SuccessiveHalvingTest.halving(3, 3,
                org.evocnn.engine.fidelity.SuccessiveHalving.Selection.ADJUSTED)).build();
        assertRecoversExactly(adjusted, 9);
        assertRecoversExactly(adjusted, 52);
    }

    @Test
    void aScreeningRunContinuesWithTheSameChoices() {
        EvolutionConfig screening = config(Mode.ASYNC).toBuilder()
                .screening(new org.evocnn.engine.surrogate.Screening(6, 15, 4)).build();
        models = ScreeningTest.NEAREST;
        try {
            assertRecoversExactly(screening, 12);
            assertRecoversExactly(screening, 60);
        } finally {
            models = null;
        }
    }

    @Test
    void aRunWithTheFitnessCacheContinuesWithTheSameHits() {
        EvolutionConfig cached = config(Mode.ASYNC).toBuilder().fitnessCache(true)
                .searchSpace(TinySpace.get())
                .build();
        SimulatedFleet probe = SimulatedFleet.flopsProportional(5);
        Evolution straight = SimulatedFleet.start(cached, probe);
        probe.runToEnd();
        assertThat(straight.stats().cacheHits()).isGreaterThan(10);

        assertRecoversExactly(cached, 30);
    }

    @Test
    void aHistoryFromAnotherConfigurationIsRefused() {
        SimulatedFleet fleet = SimulatedFleet.flopsProportional(5);
        Recorder recorder = new Recorder(fleet);
        startRecorded(config(Mode.ASYNC), fleet, recorder);
        fleet.step();

        EvolutionConfig otherSeed = EvolutionConfig.builder().termination(Termination.afterEvaluations(200)).seed(18)
                .population(20, 10).maxInFlight(5).build();
        assertThatThrownBy(() -> Replay.rebuild(otherSeed, recorder.events, fleet, fleet, EvolutionListener.NONE))
                .hasMessageStartingWith("replay diverges at submission 1");
    }
}
