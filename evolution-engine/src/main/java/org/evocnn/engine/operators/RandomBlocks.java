package org.evocnn.engine.operators;

import org.evocnn.engine.space.SearchSpace;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Random blocks and random individuals (RandomIndividual() of Algorithm 1), drawn uniformly from a search space. */
public final class RandomBlocks {

    private final SearchSpace space;
    private final double convIsConv;

    /** @param convIsConv probability that a random conv-part block is a convolution rather than a max-pool */
    public RandomBlocks(SearchSpace space, double convIsConv) {
        this.space = space;
        this.convIsConv = convIsConv;
    }

    public SearchSpace space() {
        return space;
    }

    public Genome genome(RandomGenerator rng) {
        int convCount = space.initialConvBlocks().draw(rng);
        List<ConvPartBlock> conv = new ArrayList<>(convCount);
        for (int i = 0; i < convCount; i++) {
            conv.add(convPartBlock(rng));
        }
        int denseCount = space.initialDenseBlocks().draw(rng);
        List<DenseBlock> dense = new ArrayList<>(denseCount);
        for (int i = 0; i < denseCount; i++) {
            dense.add(dense(rng));
        }
        // training genes only when the space evolves them: paper-mode runs draw exactly what they always drew
        return new Genome(conv, dense, space.training() == null ? null : space.training().draw(rng));
    }

    public ConvPartBlock convPartBlock(RandomGenerator rng) {
        return rng.nextDouble() < convIsConv ? conv(rng) : pool(rng);
    }

    public ConvBlock conv(RandomGenerator rng) {
        return new ConvBlock(space.filters().draw(rng), space.kernelSize().draw(rng), activation(rng));
    }

    public PoolBlock pool(RandomGenerator rng) {
        return new PoolBlock(space.poolSize().draw(rng));
    }

    public DenseBlock dense(RandomGenerator rng) {
        List<Double> dropouts = space.dropouts();
        return new DenseBlock(space.denseSize().draw(rng), dropouts.get(rng.nextInt(dropouts.size())), activation(rng));
    }

    public Activation activation(RandomGenerator rng) {
        List<Activation> activations = space.activations();
        return activations.get(rng.nextInt(activations.size()));
    }

    /** An activation of the space other than {@code current}, when there is one. */
    public Activation otherActivation(Activation current, RandomGenerator rng) {
        List<Activation> activations = space.activations();
        int at = activations.indexOf(current);
        if (at < 0) {
            return activation(rng);
        }
        if (activations.size() == 1) {
            return current;
        }
        int i = rng.nextInt(activations.size() - 1);
        return activations.get(i >= at ? i + 1 : i);
    }
}
