package org.evocnn.engine.operators;

import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The mutation operator of paper section 3.2: one of mutateLayer, addLayer and delLayer is chosen by weight.
 * mutateLayer picks one block uniformly among all blocks of both parts and changes one property of it (dense:
 * size/dropout/activation/re-draw; conv: filters/kernel/activation/re-draw; pool: its size). Gaussian changes are
 * rounded and clamped to the search space; categorical changes always pick a different value when there is one.
 */
public final class Mutation {

    /** The outcome: the mutant, and which operator changed which block (index into the part). */
    public record Mutated(Genome genome, MutationOperator operator, Part part, int index) {
    }

    private final SearchSpace space;
    private final Variation rates;
    private final RandomBlocks random;

    public Mutation(SearchSpace space, Variation rates) {
        this.space = space;
        this.rates = rates;
        this.random = new RandomBlocks(space, rates.newConvIsConv());
    }

    public Mutated apply(Genome genome, RandomGenerator rng) {
        return switch (Weighted.pick(rng, rates.mutateLayer(), rates.addLayer(), rates.delLayer())) {
            case 0 -> mutateLayer(genome, rng);
            case 1 -> addLayer(genome, rng);
            default -> delLayer(genome, rng);
        };
    }

    Mutated mutateLayer(Genome genome, RandomGenerator rng) {
        int blocks = genome.blockCount();
        if (blocks == 0) {
            return new Mutated(genome, MutationOperator.NONE, Part.DENSE, -1);
        }
        int at = rng.nextInt(blocks);
        List<ConvPartBlock> conv = genome.convPart();
        if (at < conv.size()) {
            ConvPartBlock block = conv.get(at);
            MutationOperator op;
            ConvPartBlock changed;
            if (block instanceof ConvBlock c) {
                switch (Weighted.pick(rng, rates.convFilters(), rates.convKernel(), rates.convActivation(), rates.convRedraw())) {
                    case 0 -> {
                        op = MutationOperator.CHANGE_NUMBER_OF_FILTERS;
                        changed = c.withFilters(space.filters().clamp(Math.round(c.filters() + rng.nextGaussian() * space.filtersSigma())));
                    }
                    case 1 -> {
                        op = MutationOperator.CHANGE_FILTER_SIZE;
                        changed = c.withKernelSize(space.kernelSize().drawOther(c.kernelSize(), rng));
                    }
                    case 2 -> {
                        op = MutationOperator.CHANGE_ACTIVATION;
                        changed = c.withActivation(random.otherActivation(c.activation(), rng));
                    }
                    default -> {
                        op = MutationOperator.REDRAW_LAYER;
                        changed = random.conv(rng);
                    }
                }
            } else {
                PoolBlock p = (PoolBlock) block;
                op = MutationOperator.CHANGE_POOL_SIZE;
                changed = p.withPoolSize(space.poolSize().drawOther(p.poolSize(), rng));
            }
            List<ConvPartBlock> mutated = new ArrayList<>(conv);
            mutated.set(at, changed);
            return new Mutated(new Genome(mutated, genome.densePart()), op, Part.CONV, at);
        }
        int i = at - conv.size();
        DenseBlock d = genome.densePart().get(i);
        MutationOperator op;
        DenseBlock changed;
        switch (Weighted.pick(rng, rates.denseSize(), rates.denseDropout(), rates.denseActivation(), rates.denseRedraw())) {
            case 0 -> {
                op = MutationOperator.CHANGE_LAYER_SIZE;
                changed = d.withSize(space.denseSize().clamp(Math.round(d.size() + rng.nextGaussian() * space.denseSizeSigma())));
            }
            case 1 -> {
                op = MutationOperator.CHANGE_DROPOUT;
                double drop = d.dropout() + rng.nextGaussian() * space.dropoutSigma();
                drop = Math.max(space.minDropout(), Math.min(space.maxDropout(), drop));
                changed = d.withDropout(Math.round(drop * 100) / 100.0);
            }
            case 2 -> {
                op = MutationOperator.CHANGE_ACTIVATION;
                changed = d.withActivation(random.otherActivation(d.activation(), rng));
            }
            default -> {
                op = MutationOperator.REDRAW_LAYER;
                changed = random.dense(rng);
            }
        }
        List<DenseBlock> mutated = new ArrayList<>(genome.densePart());
        mutated.set(i, changed);
        return new Mutated(new Genome(genome.convPart(), mutated), op, Part.DENSE, i);
    }

    Mutated addLayer(Genome genome, RandomGenerator rng) {
        if (rng.nextDouble() < rates.convPart()) {
            List<ConvPartBlock> conv = new ArrayList<>(genome.convPart().size() + 1);
            conv.addAll(genome.convPart());
            int at = rng.nextInt(conv.size() + 1);
            conv.add(at, random.convPartBlock(rng));
            return new Mutated(new Genome(conv, genome.densePart()), MutationOperator.ADD_LAYER, Part.CONV, at);
        }
        List<DenseBlock> dense = new ArrayList<>(genome.densePart().size() + 1);
        dense.addAll(genome.densePart());
        int at = rng.nextInt(dense.size() + 1);
        dense.add(at, random.dense(rng));
        return new Mutated(new Genome(genome.convPart(), dense), MutationOperator.ADD_LAYER, Part.DENSE, at);
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
            return new Mutated(new Genome(conv, genome.densePart()), MutationOperator.DEL_LAYER, Part.CONV, at);
        }
        if (denseCan) {
            List<DenseBlock> dense = new ArrayList<>(genome.densePart());
            int at = rng.nextInt(dense.size());
            dense.remove(at);
            return new Mutated(new Genome(genome.convPart(), dense), MutationOperator.DEL_LAYER, Part.DENSE, at);
        }
        return new Mutated(genome, MutationOperator.NONE, convFirst ? Part.CONV : Part.DENSE, -1);
    }
}
