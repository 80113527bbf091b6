package org.evocnn.engine.operators;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.population.Population;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.LayerSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parent's layer each layer of an offspring comes from, through crossover and each mutation. */
class InheritanceTest {

    private static Breeder breeder(double crossover, double mutation) {
        return new Breeder(SearchSpace.defaults(), Variation.builder().crossover(crossover).mutation(mutation).build(),
                new TournamentSelection(2), InputShape.MNIST, 10, 64, 1);
    }

    private static Map<Long, Genome> parents(Population population) {
        Map<Long, Genome> bySequence = new HashMap<>();
        population.members().forEach(m -> bySequence.put(m.sequence(), m.genome()));
        return bySequence;
    }

    /** The block a network layer of {@code genome} is built from; null for its output layer. */
    private static Object block(Genome genome, int layer) {
        int conv = genome.convPart().size();
        if (layer < conv) {
            return genome.convPart().get(layer);
        }
        return layer - conv < genome.densePart().size() ? genome.densePart().get(layer - conv) : null;
    }

    private static Population population(Breeder breeder, SplittableRandom rng) {
        Population p = new Population(12, Objectives.LOSS);
        for (int i = 0; i < 12; i++) {
            p.insert(new Individual(i + 101, breeder.random(rng).genome(), rng.nextDouble(), 0.5, 1));
        }
        return p;
    }

    @Test
    void crossoverInheritsEachBlockFromTheParentItCameFrom() {
        Breeder breeder = breeder(1.0, 0.0);
        SplittableRandom rng = new SplittableRandom(4);
        Population population = population(breeder, rng);
        Map<Long, Genome> parents = parents(population);
        int fromBoth = 0;
        for (int i = 0; i < 300; i++) {
            Offspring child = breeder.breed(population, rng);
            if (child.parents().size() < 2) {
                continue; // breeding exhausted: a random genome
            }
            Inheritance inh = child.inheritance();
            assertThat(inh.conv()).hasSize(child.genome().convPart().size());
            assertThat(inh.dense()).hasSize(child.genome().densePart().size());
            for (int b = 0; b < inh.conv().size(); b++) {
                LayerSource s = inh.conv().get(b);
                assertThat(child.parents()).contains(s.parent());
                assertThat(child.genome().convPart().get(b)).isEqualTo(block(parents.get(s.parent()), s.layer()));
            }
            for (int b = 0; b < inh.dense().size(); b++) {
                LayerSource s = inh.dense().get(b);
                assertThat(child.genome().densePart().get(b)).isEqualTo(block(parents.get(s.parent()), s.layer()));
            }
            // the output layer comes with the last dense block
            LayerSource last = inh.dense().get(inh.dense().size() - 1);
            assertThat(inh.output().parent()).isEqualTo(last.parent());
            assertThat(block(parents.get(inh.output().parent()), inh.output().layer())).isNull();
            assertThat(inh.layers()).hasSize(child.genome().blockCount() + 1);
            assertThat(inh.parents()).doesNotHaveDuplicates().isSubsetOf(child.parents())
                    .containsExactlyElementsOf(inh.layers().stream().map(LayerSource::parent).distinct().toList());
            fromBoth += List.of(inh.conv(), inh.dense()).stream().flatMap(List::stream)
                    .map(LayerSource::parent).distinct().count() == 2 ? 1 : 0;
        }
        assertThat(fromBoth).as("offspring with layers of both parents").isGreaterThan(100);
    }

    @Test
    void aMutatedOrAddedLayerIsFreshAResizedOneKeepsItsSourceADeletedOneIsGone() {
        Breeder breeder = breeder(0.0, 1.0);
        SplittableRandom rng = new SplittableRandom(9);
        Population population = population(breeder, rng);
        Map<Long, Genome> parents = parents(population);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            Offspring child = breeder.breed(population, rng);
            if (child.parents().size() != 1) {
                continue;
            }
            Genome parent = parents.get(child.parents().get(0));
            Inheritance inh = child.inheritance();
            List<LayerSource> all = List.of(inh.conv(), inh.dense()).stream().flatMap(List::stream).toList();
            long fresh = all.stream().filter(LayerSource::fresh).count();
            String op = child.origin();
            seen.merge(op, 1, Integer::sum);
            boolean resized = List.of("changeLayerSize", "changeNumberOfFilters", "changeDropOut").contains(op);
            if (op.equals("delLayer")) {
                assertThat(fresh).isZero();
                assertThat(all).hasSize(parent.blockCount() - 1);
            } else if (resized) {
                // the survivors of a resized block are kept: its source stays, and only size or dropout differ
                assertThat(fresh).as(op).isZero();
                assertThat(all).hasSize(parent.blockCount());
            } else if (!op.equals("none")) {
                assertThat(fresh).as(op).isEqualTo(1);
                assertThat(all).hasSize(op.equals("addLayer") ? parent.blockCount() + 1 : parent.blockCount());
            }
            int changed = 0;
            for (int b = 0; b < inh.conv().size(); b++) {
                LayerSource s = inh.conv().get(b);
                if (!s.fresh() && !child.genome().convPart().get(b).equals(block(parent, s.layer()))) {
                    changed++;
                    assertThat(child.genome().convPart().get(b)).isInstanceOf(org.evocnn.model.genome.ConvBlock.class);
                    assertThat(((org.evocnn.model.genome.ConvBlock) child.genome().convPart().get(b)).withFilters(
                            ((org.evocnn.model.genome.ConvBlock) block(parent, s.layer())).filters()))
                            .isEqualTo(block(parent, s.layer()));
                }
            }
            for (int b = 0; b < inh.dense().size(); b++) {
                LayerSource s = inh.dense().get(b);
                if (!s.fresh() && !child.genome().densePart().get(b).equals(block(parent, s.layer()))) {
                    changed++;
                    org.evocnn.model.genome.DenseBlock was = (org.evocnn.model.genome.DenseBlock) block(parent, s.layer());
                    assertThat(child.genome().densePart().get(b).withSize(was.size()).withDropout(was.dropout()))
                            .isEqualTo(was);
                }
            }
            assertThat(changed).as(op).isEqualTo(resized ? 1 : 0);
            assertThat(inh.output().parent()).isEqualTo(child.parents().get(0));
        }
        assertThat(seen.keySet()).contains("addLayer", "delLayer", "changeLayerSize", "changeNumberOfFilters",
                "changeActivation");
    }
    @Test
    void aRandomGenomeInheritsNothing() {
        Offspring random = breeder(0.6, 0.2).random(new SplittableRandom(1));
        assertThat(random.inheritance()).isEqualTo(Inheritance.NONE);
        assertThat(random.inheritance().inherits()).isFalse();
        assertThat(random.inheritance().parents()).isEmpty();
    }
}
