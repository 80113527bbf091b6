package org.evocnn.model.genome;

import java.util.Objects;

/**
 * A 2D convolution, stride 1: {@code filters} maps of {@code kernelSize x kernelSize}. Padding defaults to same; the
 * paper's MNIST baseline needs valid. Ranges are checked by {@code GenomeValidator}, not here, so that an unbuildable
 * genome can still be represented and reported.
 */
public record ConvBlock(
        int filters,
        int kernelSize,
        Activation activation,
        Padding padding) implements ConvPartBlock {

    public ConvBlock {
        Objects.requireNonNull(activation, "activation");
    }

    public ConvBlock(int filters, int kernelSize, Activation activation) {
        this(filters, kernelSize, activation, null);
    }

    @Override
    public Padding effectivePadding() {
        return padding == null ? Padding.SAME : padding;
    }

    public ConvBlock withFilters(int value) {
        return new ConvBlock(value, kernelSize, activation, padding);
    }

    public ConvBlock withKernelSize(int value) {
        return new ConvBlock(filters, value, activation, padding);
    }

    public ConvBlock withActivation(Activation value) {
        return new ConvBlock(filters, kernelSize, value, padding);
    }
}
