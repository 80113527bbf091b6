package org.evocnn.model.genome;

/** A block of the convolutional (feature-extracting) part I1 of a genome: a convolution or a max-pooling layer. */
public sealed interface ConvPartBlock permits ConvBlock, PoolBlock {

    /** The padding to build with: the explicit one, or the layer type's default. */
    Padding effectivePadding();
}
