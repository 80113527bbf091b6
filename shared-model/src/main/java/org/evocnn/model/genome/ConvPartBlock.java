package org.evocnn.model.genome;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A block of the convolutional (feature-extracting) part I1 of a genome: a convolution or a max-pooling layer. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConvBlock.class, name = "conv"),
        @JsonSubTypes.Type(value = PoolBlock.class, name = "pool")
})
public sealed interface ConvPartBlock permits ConvBlock, PoolBlock {

    /** The padding to build with: the explicit one, or the layer type's default. */
    Padding effectivePadding();
}
