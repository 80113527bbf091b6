package org.evocnn.engine.process;

import org.evocnn.engine.space.IntRange;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.model.genome.Activation;

import java.util.List;

/** A search space so small that breeding again runs out of new genomes, so that the fitness cache answers some. */
final class TinySpace {

    private TinySpace() {
    }

    static SearchSpace get() {
        return SearchSpace.builder().filters(IntRange.of(10, 10)).kernelSize(IntRange.of(2, 2))
                .denseSize(IntRange.of(10, 10)).activations(List.of(Activation.RELU)).dropouts(List.of(0.0))
                .initialConvBlocks(IntRange.of(1, 1)).initialDenseBlocks(IntRange.of(1, 1)).build();
    }
}
