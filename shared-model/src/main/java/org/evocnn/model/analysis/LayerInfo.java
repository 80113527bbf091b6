package org.evocnn.model.analysis;

import java.util.List;

/**
 * One layer of the built network, as a Keras summary lists it.
 *
 * @param name        Keras-style name, e.g. {@code conv2d_1}
 * @param type        Keras class name, e.g. {@code Conv2D}
 * @param outputShape without the batch dimension
 * @param params      trainable parameters
 * @param flops       forward floating-point operations per sample (2 per multiply-accumulate)
 */
public record LayerInfo(String name, String type, List<Integer> outputShape, long params, long flops) {

    public LayerInfo {
        outputShape = List.copyOf(outputShape);
    }
}
