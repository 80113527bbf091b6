package org.evocnn.model.genome;

/**
 * A max-pooling layer with stride equal to its pool size. Padding defaults to valid (a side shrinks to
 * floor(side / poolSize)); the paper's Fashion-MNIST baseline needs same (ceil).
 */
public record PoolBlock(
        int poolSize,
        Padding padding) implements ConvPartBlock {

    public PoolBlock(int poolSize) {
        this(poolSize, null);
    }

    @Override
    public Padding effectivePadding() {
        return padding == null ? Padding.VALID : padding;
    }

    public PoolBlock withPoolSize(int value) {
        return new PoolBlock(value, padding);
    }
}
