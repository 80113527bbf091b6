package org.evocnn.engine.process;

import org.evocnn.engine.population.Individual;
import org.evocnn.model.genome.FieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The island model on a simulated fleet: migration on schedule, islands of constant size, the slots shared evenly. */
class IslandModelTest {

    private record Migration(int resultsEntered, long sequence, int from, int to, boolean arrived) {
    }

    /** The fleet, also counting the ok results that entered islands when each migration happened. */
    private static final class Observed {
        final SimulatedFleet fleet = new SimulatedFleet(c -> 1 + c.sequence() % 7, 3, 0.1, 0.05);
        final List<Migration> migrations = new ArrayList<>();
        final List<List<Integer>> islandSizes = new ArrayList<>();
        final Evolution run;

        Observed(EvolutionConfig config) {
            EvolutionListener listener = new EvolutionListener() {
                @Override
                public void submitted(Candidate candidate) {
                    fleet.submitted(candidate);
                }

                @Override
                public void evaluated(Candidate candidate, EvaluationOutcome outcome) {
                    fleet.evaluated(candidate, outcome);
                }

                @Override
                public void migrated(Individual individual, int fromIsland, int toIsland) {
                    int entered = (int) fleet.delivered.stream()
                            .filter(o -> o.status() == EvaluationOutcome.Status.OK).count();
                    boolean arrived = islands().islands().get(toIsland).stream()
                            .anyMatch(m -> m.sequence() == individual.sequence());
                    migrations.add(new Migration(entered, individual.sequence(), fromIsland, toIsland, arrived));
                }
            };
            run = Evolutions.create(config, fleet, fleet, listener);
            fleet.evolution = run;
        }

        IslandModel islands() {
            return (IslandModel) run.strategy();
        }

        void runToEnd() {
            run.start();
            while (fleet.step()) {
                islandSizes.add(islands().islands().stream().map(List::size).toList());
            }
        }
    }

    private static EvolutionConfig config(Islands islands, int evaluations) {
        return EvolutionConfig.builder().mode(Mode.ISLANDS).population(6, 3).maxInFlight(5).seed(9)
                .islands(islands).termination(Termination.afterEvaluations(evaluations)).build();
    }

    @Test
    void migrationHappensExactlyEveryMResultsAndGoesAroundTheRing() {
        Observed o = new Observed(config(new Islands(3, 8, 2, Islands.Topology.RING), 150));
        o.runToEnd();

        long ok = o.fleet.delivered.stream().filter(r -> r.status() == EvaluationOutcome.Status.OK).count();
        assertThat(ok).as("some results were lost, so results and dispatches differ").isLessThan(150);
        assertThat(o.islands().migrations()).isEqualTo((int) (ok / 8));
        assertThat(o.migrations).isNotEmpty().allSatisfy(m -> {
            assertThat(m.resultsEntered() % 8).isZero();
            assertThat(m.to()).isEqualTo((m.from() + 1) % 3);
        });
        // at most two migrants per island and round
        assertThat(o.migrations.stream().collect(java.util.stream.Collectors.groupingBy(
                m -> m.resultsEntered() + "/" + m.from(), java.util.stream.Collectors.counting())).values())
                .allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
    }

    @Test
    void eachIslandKeepsItsSizeAndTheBestOfAnIslandReachesTheNext() {
        Observed o = new Observed(config(new Islands(3, 8, 1, Islands.Topology.RING), 200));
        o.runToEnd();

        assertThat(o.islandSizes).allSatisfy(sizes -> assertThat(sizes).allSatisfy(
                size -> assertThat(size).isLessThanOrEqualTo(6)));
        assertThat(o.islands().islands()).hasSize(3).allSatisfy(island -> assertThat(island).hasSize(6));
        // a migrant is a copy: the best of its island, arriving in the next (unless worse than all there)
        assertThat(o.migrations).anySatisfy(m -> assertThat(m.arrived()).isTrue());
        List<List<Individual>> islands = o.islands().islands();
        // the run's population is the best popSize of all islands
        List<Individual> all = islands.stream().flatMap(List::stream).distinct()
                .sorted(java.util.Comparator.comparingDouble(Individual::loss)).toList();
        assertThat(o.run.population().get(0).loss()).isEqualTo(all.get(0).loss());
    }

    @Test
    void theIslandsShareTheSlotsAndBreedOnlyFromThemselves() {
        Observed o = new Observed(config(new Islands(4, 1_000, 1, Islands.Topology.RING), 120));
        o.runToEnd();

        assertThat(o.migrations).isEmpty();
        // without migration, every parent of an offspring lives on the offspring's island
        java.util.Map<Long, Integer> islandOf = new java.util.HashMap<>();
        IntStream.range(0, 4).forEach(i -> o.islands().islands().get(i)
                .forEach(m -> islandOf.put(m.sequence(), i)));
        assertThat(o.fleet.submitted).filteredOn(c -> !c.offspring().parents().isEmpty()).isNotEmpty();
        // breeding starts per island: the first fill is random genomes
        assertThat(o.fleet.submitted.subList(0, 5)).allSatisfy(c -> assertThat(c.offspring().parents()).isEmpty());
        for (Candidate c : o.fleet.submitted) {
            List<Integer> homes = c.offspring().parents().stream().map(islandOf::get)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            assertThat(homes).as("parents of %d", c.sequence()).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void randomTopologyNeverSendsAnIslandToItself() {
        Observed o = new Observed(config(new Islands(4, 3, 1, Islands.Topology.RANDOM), 150));
        o.runToEnd();

        assertThat(o.migrations).hasSizeGreaterThan(20).allSatisfy(m -> assertThat(m.to()).isNotEqualTo(m.from()));
        assertThat(o.migrations.stream().map(m -> m.to() - m.from()).distinct().count())
                .as("not a fixed ring").isGreaterThan(1);
    }

    @Test
    void theIslandModelIsNotCombinedWithSuccessiveHalving() {
        assertThatThrownBy(() -> EvolutionConfig.builder().mode(Mode.ISLANDS)
                .fidelity(SuccessiveHalvingTest.halving(3, 3, org.evocnn.engine.fidelity.SuccessiveHalving.Selection.TOP))
                .build()).isInstanceOf(FieldException.class).hasMessageContaining("fidelity");
        assertThatThrownBy(() -> new Islands(1, 5, 1, Islands.Topology.RING)).isInstanceOf(FieldException.class)
                .hasMessageContaining("count");
    }
}
