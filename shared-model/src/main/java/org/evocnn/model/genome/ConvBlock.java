package org.evocnn.model.genome;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A 2D convolution, stride 1: {@code filters} maps of {@code kernelSize x kernelSize}. Padding defaults to same; the
 * paper's MNIST baseline needs valid. Ranges are checked by {@link GenomeValidator}, not here, so that an unbuildable
 * genome can still be represented and reported.
 */
public record ConvBlock(
        @JsonProperty(required = true) int filters,
        @JsonProperty(required = true) int kernelSize,
        @JsonProperty(required = true) Activation activation,
        @JsonInclude(JsonInclude.Include.NON_NULL) Padding padding) implements ConvPartBlock {

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
