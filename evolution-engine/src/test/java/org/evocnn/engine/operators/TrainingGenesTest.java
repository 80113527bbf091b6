package org.evocnn.engine.operators;

import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.TrainingSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.TrainingGenes;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hyperparameter genes: drawn within their space, mutated and crossed over at the configured rates. */
class TrainingGenesTest {

    private static final int DRAWS = 10_000;
    private static final double TOLERANCE = 0.02;

    private final SearchSpace space = SearchSpace.builder().training(TrainingSpace.defaults()).build();
    private final Variation rates = Variation.defaults();
    private final RandomBlocks random = new RandomBlocks(space, rates.newConvIsConv());

    @Test
    void randomGenesStayInTheirSpaceAndAreDrawnUniformlyAndLogUniformly() {
        SplittableRandom rng = new SplittableRandom(1);
        Map<Optimizer, Integer> optimizers = new EnumMap<>(Optimizer.class);
        Map<Integer, Integer> batches = new HashMap<>();
        int belowMillesimal = 0;
        for (int i = 0; i < DRAWS; i++) {
            TrainingGenes genes = random.genome(rng).training();
            optimizers.merge(genes.optimizer(), 1, Integer::sum);
            batches.merge(genes.batchSize(), 1, Integer::sum);
            assertThat(genes.learningRate()).isBetween(1e-4, 1e-2);
            belowMillesimal += genes.learningRate() < 1e-3 ? 1 : 0;
        }
        optimizers.values().forEach(n -> assertThat(n / (double) DRAWS).isCloseTo(1.0 / 3, within(TOLERANCE)));
        assertThat(batches.keySet()).containsExactlyInAnyOrder(32, 64, 128, 256);
        batches.values().forEach(n -> assertThat(n / (double) DRAWS).isCloseTo(0.25, within(TOLERANCE)));
        // log-uniform over 1e-4..1e-2: half below 1e-3
        assertThat(belowMillesimal / (double) DRAWS).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void mutateTrainingIsAKindOfMutationAtItsWeightAndChangesOneGeneAtATime() {
        Mutation mutation = new Mutation(space, rates);
        SplittableRandom rng = new SplittableRandom(2);
        Map<MutationOperator, Integer> training = new EnumMap<>(MutationOperator.class);
        int trainingKind = 0;
        for (int i = 0; i < DRAWS; i++) {
            Genome g = random.genome(rng);
            Mutation.Mutated m = mutation.apply(g, rng);
            if (m.part() == Part.TRAINING) {
                trainingKind++;
                training.merge(m.operator(), 1, Integer::sum);
                assertThat(m.genome().convPart()).isEqualTo(g.convPart());
                assertThat(m.genome().densePart()).isEqualTo(g.densePart());
                TrainingGenes before = g.training();
                TrainingGenes after = m.genome().training();
                int changed = (before.optimizer() != after.optimizer() ? 1 : 0)
                        + (before.learningRate() != after.learningRate() ? 1 : 0)
                        + (before.batchSize() != after.batchSize() ? 1 : 0);
                assertThat(changed).isLessThanOrEqualTo(1);
                assertThat(after.learningRate()).isBetween(1e-4, 1e-2);
            } else {
                assertThat(m.genome().training()).as("other mutations keep the genes").isEqualTo(g.training());
            }
        }
        // weights 0.5 / 0.25 / 0.25 / 0.25: mutateTraining is 0.2 of the mutations
        assertThat(trainingKind / (double) DRAWS).isCloseTo(0.2, within(TOLERANCE));
        for (MutationOperator op : List.of(MutationOperator.CHANGE_OPTIMIZER, MutationOperator.CHANGE_LEARNING_RATE,
                MutationOperator.CHANGE_BATCH_SIZE)) {
            assertThat(training.get(op) / (double) trainingKind).as(op.paperName()).isCloseTo(1.0 / 3, within(0.03));
        }
    }

    @Test
    void crossoverSwapsTheTrainingGenesAtItsRateAndKeepsThemOtherwise() {
        Crossover crossover = new Crossover(1, rates.trainingSwap());
        SplittableRandom rng = new SplittableRandom(3);
        TrainingGenes ga = new TrainingGenes(Optimizer.ADAM, 0.001, 32);
        TrainingGenes gb = new TrainingGenes(Optimizer.SGD, 0.005, 256);
        int swapped = 0;
        for (int i = 0; i < DRAWS; i++) {
            Genome a = random.genome(rng).withTraining(ga);
            Genome b = random.genome(rng).withTraining(gb);
            Crossover.Offspring o = crossover.apply(a, b, rng);
            assertThat(List.of(o.first().training(), o.second().training())).containsExactlyInAnyOrder(ga, gb);
            swapped += o.first().training().equals(gb) ? 1 : 0;
        }
        assertThat(swapped / (double) DRAWS).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void withoutATrainingSpaceNoGenesAreDrawnAndTheDrawsAreThePapers() {
        SearchSpace paper = SearchSpace.defaults();
        RandomBlocks paperBlocks = new RandomBlocks(paper, rates.newConvIsConv());
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            Genome g = paperBlocks.genome(a);
            assertThat(g.training()).isNull();
            assertThat(g.schemaVersion()).isEqualTo(1);
        }
        // the same draws as with a space that differs only in what it would do with training genes: none are made
        RandomBlocks same = new RandomBlocks(paper.toBuilder().build(), rates.newConvIsConv());
        for (int i = 0; i < 100; i++) {
            same.genome(b);
        }
        assertThat(a.nextLong()).isEqualTo(b.nextLong());
    }
}
