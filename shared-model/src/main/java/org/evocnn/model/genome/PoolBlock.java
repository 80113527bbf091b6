package org.evocnn.model.genome;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A max-pooling layer with stride equal to its pool size. Padding defaults to valid (a side shrinks to
 * floor(side / poolSize)); the paper's Fashion-MNIST baseline needs same (ceil).
 */
public record PoolBlock(
        @JsonProperty(required = true) int poolSize,
        @JsonInclude(JsonInclude.Include.NON_NULL) Padding padding) implements ConvPartBlock {

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
