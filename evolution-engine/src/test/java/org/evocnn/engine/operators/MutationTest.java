package org.evocnn.engine.operators;

import org.evocnn.engine.space.IntRange;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Frequencies are checked over 10,000 draws with a tolerance of 0.02: for a probability p the binomial standard
 * deviation is at most 0.005, so 0.02 is four standard deviations and the seeded tests are stable.
 */
class MutationTest {

    private static final int DRAWS = 10_000;
    private static final double TOLERANCE = 0.02;

    private final SearchSpace space = SearchSpace.defaults();
    private final Variation rates = Variation.defaults();
    private final Mutation mutation = new Mutation(space, rates);
    private final RandomBlocks random = new RandomBlocks(space, rates.newConvIsConv());

    @Test
    void mutationKindsFollowTheirWeights() {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, Integer> kinds = new java.util.HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutation.Mutated m = mutation.apply(withBlocks(3, 3, rng), rng);
            String kind = m.operator().mutatesLayer() ? "mutateLayer" : m.operator().paperName();
            kinds.merge(kind, 1, Integer::sum);
        }
        assertThat(kinds.get("mutateLayer") / (double) DRAWS).isCloseTo(0.5, within(TOLERANCE));
        assertThat(kinds.get("addLayer") / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE));
        assertThat(kinds.get("delLayer") / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void denseLayerMutationsFollowTheirWeights() {
        SplittableRandom rng = new SplittableRandom(2);
        Genome denseOnly = new Genome(List.of(), List.of(random.dense(rng), random.dense(rng)));
        Map<MutationOperator, Integer> ops = new EnumMap<>(MutationOperator.class);
        for (int i = 0; i < DRAWS; i++) {
            ops.merge(mutation.mutateLayer(denseOnly, rng).operator(), 1, Integer::sum);
        }
        assertThat(ops.get(MutationOperator.CHANGE_LAYER_SIZE) / (double) DRAWS).isCloseTo(0.4, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.CHANGE_DROPOUT) / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.CHANGE_ACTIVATION) / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.REDRAW_LAYER) / (double) DRAWS).isCloseTo(0.1, within(TOLERANCE));
    }

    @Test
    void convLayerMutationsFollowTheirWeightsAndPoolsChangeTheirSize() {
        SplittableRandom rng = new SplittableRandom(3);
        Genome convOnly = new Genome(List.of(random.conv(rng)), List.of());
        Map<MutationOperator, Integer> ops = new EnumMap<>(MutationOperator.class);
        for (int i = 0; i < DRAWS; i++) {
            ops.merge(mutation.mutateLayer(convOnly, rng).operator(), 1, Integer::sum);
        }
        assertThat(ops.get(MutationOperator.CHANGE_NUMBER_OF_FILTERS) / (double) DRAWS).isCloseTo(0.3, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.CHANGE_FILTER_SIZE) / (double) DRAWS).isCloseTo(0.3, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.CHANGE_ACTIVATION) / (double) DRAWS).isCloseTo(0.3, within(TOLERANCE));
        assertThat(ops.get(MutationOperator.REDRAW_LAYER) / (double) DRAWS).isCloseTo(0.1, within(TOLERANCE));

        Genome poolOnly = new Genome(List.of(new PoolBlock(2)), List.of());
        Mutation.Mutated m = mutation.mutateLayer(poolOnly, rng);
        assertThat(m.operator()).isEqualTo(MutationOperator.CHANGE_POOL_SIZE);
        assertThat(((PoolBlock) m.genome().convPart().get(0)).poolSize()).isEqualTo(3);
    }

    @Test
    void mutateLayerPicksBlocksUniformlyOverBothParts() {
        SplittableRandom rng = new SplittableRandom(4);
        Genome g = withBlocks(1, 3, rng);
        int conv = 0;
        for (int i = 0; i < DRAWS; i++) {
            conv += mutation.mutateLayer(g, rng).part() == Part.CONV ? 1 : 0;
        }
        assertThat(conv / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void addAndDelPickThePartAndTheNewBlockKindFiftyFifty() {
        SplittableRandom rng = new SplittableRandom(5);
        int addConv = 0;
        int addedConvLayers = 0;
        int delConv = 0;
        for (int i = 0; i < DRAWS; i++) {
            Genome g = withBlocks(3, 3, rng);
            Mutation.Mutated added = mutation.addLayer(g, rng);
            if (added.part() == Part.CONV) {
                addConv++;
                addedConvLayers += added.genome().convPart().get(added.index()) instanceof ConvBlock ? 1 : 0;
                assertThat(added.genome().convPart()).hasSize(4);
            } else {
                assertThat(added.genome().densePart()).hasSize(4);
            }
            delConv += mutation.delLayer(g, rng).part() == Part.CONV ? 1 : 0;
        }
        assertThat(addConv / (double) DRAWS).isCloseTo(0.5, within(TOLERANCE));
        assertThat(addedConvLayers / (double) addConv).isCloseTo(0.5, within(0.03));
        assertThat(delConv / (double) DRAWS).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void noPartBecomesEmptyUnlessConfigured() {
        SplittableRandom rng = new SplittableRandom(6);
        Genome minimal = withBlocks(1, 1, rng);
        for (int i = 0; i < 1_000; i++) {
            Mutation.Mutated m = mutation.delLayer(minimal, rng);
            assertThat(m.operator()).isEqualTo(MutationOperator.NONE);
            assertThat(m.genome()).isEqualTo(minimal);
        }
        Genome oneConv = withBlocks(1, 2, rng);
        assertThat(mutation.delLayer(oneConv, rng).genome().convPart()).hasSize(1);

        SearchSpace permissive = space.toBuilder().allowEmptyConvPart(true).build();
        Mutation.Mutated emptied = new Mutation(permissive, rates).delLayer(minimal, rng);
        assertThat(emptied.genome().convPart()).isEmpty();
        assertThat(emptied.genome().densePart()).hasSize(1);
    }

    @Test
    void mutationsStayInRange() {
        SplittableRandom rng = new SplittableRandom(7);
        Genome g = random.genome(rng);
        for (int i = 0; i < DRAWS; i++) {
            g = mutation.apply(g, rng).genome();
            if (g.blockCount() > 12) {
                g = random.genome(rng);
            }
            assertThat(g.convPart()).isNotEmpty();
            assertThat(g.densePart()).isNotEmpty();
            for (ConvPartBlock block : g.convPart()) {
                if (block instanceof ConvBlock c) {
                    assertInside(space.filters(), c.filters());
                    assertInside(space.kernelSize(), c.kernelSize());
                    assertThat(space.activations()).contains(c.activation());
                } else {
                    assertInside(space.poolSize(), ((PoolBlock) block).poolSize());
                }
            }
            for (DenseBlock d : g.densePart()) {
                assertInside(space.denseSize(), d.size());
                assertThat(d.dropout()).isBetween(0.0, 0.4);
                assertThat(Math.round(d.dropout() * 100) / 100.0).isEqualTo(d.dropout());
                assertThat(space.activations()).contains(d.activation());
            }
        }
    }

    @Test
    void changeActivationAlwaysPicksAnotherActivation() {
        SplittableRandom rng = new SplittableRandom(8);
        RandomBlocks blocks = new RandomBlocks(space, 0.5);
        for (int i = 0; i < 1_000; i++) {
            Activation current = blocks.activation(rng);
            assertThat(blocks.otherActivation(current, rng)).isNotEqualTo(current);
        }
    }

    @Test
    void gaussianSizeChangesAreClampedToTheRange() {
        SearchSpace wide = space.toBuilder().filters(IntRange.of(10, 12)).denseSize(IntRange.of(10, 12))
                .filtersSigma(1000).denseSizeSigma(1000).dropoutSigma(0.5).build();
        Variation onlySizes = Variation.builder().mutationKinds(1, 0, 0).denseChanges(1, 0, 0, 0)
                .convChanges(1, 0, 0, 0).build();
        Mutation m = new Mutation(wide, onlySizes);
        SplittableRandom rng = new SplittableRandom(9);
        Genome g = new Genome(List.of(new ConvBlock(11, 3, Activation.RELU)), List.of(new DenseBlock(11, 0, Activation.RELU)));
        int low = 0;
        int high = 0;
        for (int i = 0; i < 1_000; i++) {
            Genome mutated = m.mutateLayer(g, rng).genome();
            int filters = ((ConvBlock) mutated.convPart().get(0)).filters();
            int size = mutated.densePart().get(0).size();
            assertThat(filters).isBetween(10, 12);
            assertThat(size).isBetween(10, 12);
            low += (filters == 10 || size == 10) ? 1 : 0;
            high += (filters == 12 || size == 12) ? 1 : 0;
        }
        assertThat(low).isPositive();
        assertThat(high).isPositive();
    }

    private static void assertInside(IntRange range, int value) {
        assertThat(range.contains(value)).as("%d in %s", value, range).isTrue();
    }

    private Genome withBlocks(int conv, int dense, SplittableRandom rng) {
        List<ConvPartBlock> c = new java.util.ArrayList<>();
        for (int i = 0; i < conv; i++) {
            c.add(random.conv(rng));
        }
        List<DenseBlock> d = new java.util.ArrayList<>();
        for (int i = 0; i < dense; i++) {
            d.add(random.dense(rng));
        }
        return new Genome(c, d);
    }
}
