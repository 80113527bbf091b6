package org.evocnn.engine.operators;

import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.TrainingSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.TrainingGenes;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mutation operator of paper section 3.2: one of mutateLayer, addLayer and delLayer is drawn by weight.
 * mutateLayer picks one block uniformly among all blocks of both parts and applies one change drawn by weight (dense:
 * size/dropout/activation/re-draw; conv: filters/kernel/activation/re-draw; pool: its size). Gaussian changes are
 * rounded and clamped to the search space; categorical changes always pick a different value when there is one. Each
 * operator is an entry of a {@link WeightedChoice}: adding one is adding an entry.
 */
public final class Mutation {

    /** The outcome: the mutant, and which operator changed which block (index into the part). */
    public record Mutated(Genome genome, MutationOperator operator, Part part, int index) {
    }

    /** A mutation kind applied to a whole genome. */
    @FunctionalInterface
    interface Kind {
        Mutated apply(Genome genome, RandomGenerator rng);
    }

    /** A change of one layer, named by the paper's operator. */
    record LayerChange<B>(MutationOperator operator, Change<B> change) {
    }

    @FunctionalInterface
    interface Change<B> {
        B apply(B block, RandomGenerator rng);
    }

    private final SearchSpace space;
    private final Variation rates;
    private final RandomBlocks random;
    private final WeightedChoice<Kind> kinds;
    private final WeightedChoice<LayerChange<ConvBlock>> convChanges;
    private final WeightedChoice<LayerChange<DenseBlock>> denseChanges;

    public Mutation(SearchSpace space, Variation rates) {
        this.space = space;
        this.rates = rates;
        this.random = new RandomBlocks(space, rates.newConvIsConv());
        WeightedChoice.Builder<Kind> kindChoice = WeightedChoice.<Kind>builder()
                .add(rates.mutateLayer(), this::mutateLayer)
                .add(rates.addLayer(), this::addLayer)
                .add(rates.delLayer(), this::delLayer);
        if (space.training() != null) {
            kindChoice.add(rates.mutateTraining(), this::mutateTraining);
        }
        this.kinds = kindChoice.build();
        this.convChanges = WeightedChoice.<LayerChange<ConvBlock>>builder()
                .add(rates.convFilters(), new LayerChange<>(MutationOperator.CHANGE_NUMBER_OF_FILTERS, (c, rng) ->
                        c.withFilters(space.filters().clamp(Math.round(c.filters()
                                + rng.nextGaussian() * space.filtersSigma())))))
                .add(rates.convKernel(), new LayerChange<>(MutationOperator.CHANGE_FILTER_SIZE, (c, rng) ->
                        c.withKernelSize(space.kernelSize().drawOther(c.kernelSize(), rng))))
                .add(rates.convActivation(), new LayerChange<>(MutationOperator.CHANGE_ACTIVATION, (c, rng) ->
                        c.withActivation(random.otherActivation(c.activation(), rng))))
                .add(rates.convRedraw(), new LayerChange<>(MutationOperator.REDRAW_LAYER, (c, rng) -> random.conv(rng)))
                .build();
        this.denseChanges = WeightedChoice.<LayerChange<DenseBlock>>builder()
                .add(rates.denseSize(), new LayerChange<>(MutationOperator.CHANGE_LAYER_SIZE, (d, rng) ->
                        d.withSize(space.denseSize().clamp(Math.round(d.size()
                                + rng.nextGaussian() * space.denseSizeSigma())))))
                .add(rates.denseDropout(), new LayerChange<>(MutationOperator.CHANGE_DROPOUT, this::changeDropout))
                .add(rates.denseActivation(), new LayerChange<>(MutationOperator.CHANGE_ACTIVATION, (d, rng) ->
                        d.withActivation(random.otherActivation(d.activation(), rng))))
                .add(rates.denseRedraw(), new LayerChange<>(MutationOperator.REDRAW_LAYER, (d, rng) -> random.dense(rng)))
                .build();
    }

    public Mutated apply(Genome genome, RandomGenerator rng) {
        return kinds.draw(rng).apply(genome, rng);
    }

    Mutated mutateLayer(Genome genome, RandomGenerator rng) {
        int blocks = genome.blockCount();
        if (blocks == 0) {
            return new Mutated(genome, MutationOperator.NONE, Part.DENSE, -1);
        }
        int at = rng.nextInt(blocks);
        List<ConvPartBlock> conv = genome.convPart();
        if (at < conv.size()) {
            MutationOperator op;
            ConvPartBlock changed;
            if (conv.get(at) instanceof ConvBlock c) {
                LayerChange<ConvBlock> change = convChanges.draw(rng);
                op = change.operator();
                changed = change.change().apply(c, rng);
            } else {
                PoolBlock p = (PoolBlock) conv.get(at);
                op = MutationOperator.CHANGE_POOL_SIZE;
                changed = p.withPoolSize(space.poolSize().drawOther(p.poolSize(), rng));
            }
            List<ConvPartBlock> mutated = new ArrayList<>(conv);
            mutated.set(at, changed);
            return new Mutated(new Genome(mutated, genome.densePart(), genome.training()), op, Part.CONV, at);
        }
        int i = at - conv.size();
        LayerChange<DenseBlock> change = denseChanges.draw(rng);
        List<DenseBlock> mutated = new ArrayList<>(genome.densePart());
        mutated.set(i, change.change().apply(mutated.get(i), rng));
        return new Mutated(new Genome(genome.convPart(), mutated, genome.training()), change.operator(), Part.DENSE, i);
    }

    private DenseBlock changeDropout(DenseBlock d, RandomGenerator rng) {
        double drop = d.dropout() + rng.nextGaussian() * space.dropoutSigma();
        drop = Math.max(space.minDropout(), Math.min(space.maxDropout(), drop));
        return d.withDropout(Math.round(drop * 100) / 100.0);
    }

    Mutated addLayer(Genome genome, RandomGenerator rng) {
        if (rng.nextDouble() < rates.convPart()) {
            List<ConvPartBlock> conv = new ArrayList<>(genome.convPart().size() + 1);
            conv.addAll(genome.convPart());
            int at = rng.nextInt(conv.size() + 1);
            conv.add(at, random.convPartBlock(rng));
            return new Mutated(new Genome(conv, genome.densePart(), genome.training()), MutationOperator.ADD_LAYER, Part.CONV, at);
        }
        List<DenseBlock> dense = new ArrayList<>(genome.densePart().size() + 1);
        dense.addAll(genome.densePart());
        int at = rng.nextInt(dense.size() + 1);
        dense.add(at, random.dense(rng));
        return new Mutated(new Genome(genome.convPart(), dense, genome.training()), MutationOperator.ADD_LAYER, Part.DENSE, at);
    }

    /**
     * Changes one training gene, drawn uniformly: another optimizer, the learning rate times exp(N(0, sigma)) clamped
     * to the range, or another batch size. A genome without training genes gets a random set.
     */
    Mutated mutateTraining(Genome genome, RandomGenerator rng) {
        TrainingSpace space = this.space.training();
        TrainingGenes genes = genome.training();
        if (genes == null) {
            return new Mutated(genome.withTraining(space.draw(rng)), MutationOperator.CHANGE_OPTIMIZER, Part.TRAINING,
                    0);
        }
        return switch (rng.nextInt(3)) {
            case 0 -> new Mutated(genome.withTraining(genes.withOptimizer(other(space.optimizers(), genes.optimizer(),
                    rng))), MutationOperator.CHANGE_OPTIMIZER, Part.TRAINING, 0);
            case 1 -> new Mutated(genome.withTraining(genes.withLearningRate(space.clampLearningRate(
                    genes.learningRate() * Math.exp(rng.nextGaussian() * space.learningRateSigma())))),
                    MutationOperator.CHANGE_LEARNING_RATE, Part.TRAINING, 0);
            default -> new Mutated(genome.withTraining(genes.withBatchSize(other(space.batchSizes(), genes.batchSize(),
                    rng))), MutationOperator.CHANGE_BATCH_SIZE, Part.TRAINING, 0);
        };
    }

    /** A member of the list other than {@code current}, when there is one. */
    private static <T> T other(List<T> choices, T current, RandomGenerator rng) {
        int at = choices.indexOf(current);
        if (at < 0) {
            return choices.get(rng.nextInt(choices.size()));
        }
        if (choices.size() == 1) {
            return current;
        }
        int i = rng.nextInt(choices.size() - 1);
        return choices.get(i >= at ? i + 1 : i);
    }

    /** Deletes from the drawn part; when that part is at its minimum size, from the other part; else nothing. */
    Mutated delLayer(Genome genome, RandomGenerator rng) {
        boolean convFirst = rng.nextDouble() < rates.convPart();
        boolean convCan = genome.convPart().size() > space.minConvBlocks();
        boolean denseCan = genome.densePart().size() > 1;
        if (convCan && (convFirst || !denseCan)) {
            List<ConvPartBlock> conv = new ArrayList<>(genome.convPart());
            int at = rng.nextInt(conv.size());
            conv.remove(at);
            return new Mutated(new Genome(conv, genome.densePart(), genome.training()), MutationOperator.DEL_LAYER, Part.CONV, at);
        }
        if (denseCan) {
            List<DenseBlock> dense = new ArrayList<>(genome.densePart());
            int at = rng.nextInt(dense.size());
            dense.remove(at);
            return new Mutated(new Genome(genome.convPart(), dense, genome.training()), MutationOperator.DEL_LAYER, Part.DENSE, at);
        }
        return new Mutated(genome, MutationOperator.NONE, convFirst ? Part.CONV : Part.DENSE, -1);
    }
}
