package org.evocnn.engine.operators;

import org.evocnn.engine.space.SearchSpace;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;

class CrossoverTest {

    private final RandomBlocks random = new RandomBlocks(SearchSpace.defaults(), 0.5);
    private final Crossover crossover = new Crossover(1);

    @Test
    void cutsOnlyOnBlockBordersAndKeepsEveryBlockIntact() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            Genome a = random.genome(rng);
            Genome b = random.genome(rng);

            Crossover.Offspring o = crossover.apply(a, b, rng);

            assertCut(a.convPart(), b.convPart(), o.convCut1(), o.convCut2(), o.first().convPart(), o.second().convPart());
            assertCut(a.densePart(), b.densePart(), o.denseCut1(), o.denseCut2(), o.first().densePart(), o.second().densePart());
        }
    }

    /** child1 = head(p1, cp1) + tail(p2, cp2), child2 = head(p2, cp2) + tail(p1, cp1), blocks are the parents' own. */
    private static <T> void assertCut(List<T> p1, List<T> p2, int cp1, int cp2, List<T> child1, List<T> child2) {
        if (p1.size() >= 2) {
            assertThat(cp1).isBetween(1, p1.size() - 1);
        } else {
            assertThat(cp1).isBetween(0, p1.size());
        }
        assertThat(child1).hasSize(cp1 + p2.size() - cp2).isNotEmpty();
        assertThat(child2).hasSize(cp2 + p1.size() - cp1).isNotEmpty();
        for (int i = 0; i < child1.size(); i++) {
            T expected = i < cp1 ? p1.get(i) : p2.get(cp2 + i - cp1);
            assertThat(child1.get(i)).isSameAs(expected);
        }
        for (int i = 0; i < child2.size(); i++) {
            T expected = i < cp2 ? p2.get(i) : p1.get(cp1 + i - cp2);
            assertThat(child2.get(i)).isSameAs(expected);
        }
    }

    @Test
    void partsAreCrossedSeparately() {
        Genome a = genome(4, 4);
        Genome b = genome(4, 4);
        SplittableRandom rng = new SplittableRandom(2);
        Set<List<Integer>> cutPairs = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            Crossover.Offspring o = crossover.apply(a, b, rng);
            cutPairs.add(List.of(o.convCut1(), o.denseCut1()));
        }
        // independent cuts: every combination of conv cut (1..3) and dense cut (1..3) occurs
        assertThat(cutPairs).hasSize(9);
    }

    @Test
    void singleBlockPartsSwapOrStayButNeverBecomeEmpty() {
        Genome a = genome(1, 1);
        Genome b = genome(1, 1);
        SplittableRandom rng = new SplittableRandom(3);
        Set<Genome> firsts = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Crossover.Offspring o = crossover.apply(a, b, rng);
            assertThat(o.first().convPart()).hasSize(1);
            assertThat(o.first().densePart()).hasSize(1);
            assertThat(o.second().convPart()).hasSize(1);
            firsts.add(o.first());
        }
        // conv from a or b, dense from a or b: all four combinations
        assertThat(firsts).hasSize(4);
    }

    @Test
    void emptyConvPartsArePossibleOnlyWhenAllowed() {
        Crossover permissive = new Crossover(0);
        SplittableRandom rng = new SplittableRandom(4);
        boolean sawEmpty = false;
        for (int i = 0; i < 1_000; i++) {
            Crossover.Offspring o = permissive.apply(genome(1, 2), genome(1, 2), rng);
            sawEmpty |= o.first().convPart().isEmpty() || o.second().convPart().isEmpty();
            assertThat(o.first().densePart()).isNotEmpty();
        }
        assertThat(sawEmpty).isTrue();
        Crossover.Offspring fromEmpty = permissive.apply(genome(0, 1), genome(2, 1), rng);
        assertThat(fromEmpty.first().convPart().size() + fromEmpty.second().convPart().size()).isEqualTo(2);
    }

    private static int counter;

    /** Distinct blocks, so identity checks are meaningful. */
    private static Genome genome(int conv, int dense) {
        List<org.evocnn.model.genome.ConvPartBlock> c = new java.util.ArrayList<>();
        for (int i = 0; i < conv; i++) {
            c.add(new ConvBlock(10 + counter++ % 40, 3, RELU));
        }
        List<DenseBlock> d = new java.util.ArrayList<>();
        for (int i = 0; i < dense; i++) {
            d.add(new DenseBlock(10 + counter++ % 200, 0, RELU));
        }
        return new Genome(c, d);
    }
}
