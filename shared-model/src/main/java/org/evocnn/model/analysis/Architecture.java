package org.evocnn.model.analysis;

import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Violation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The network a genome builds for an input shape and class count: its layers (with the implicit flatten, the dropout
 * layers and the softmax output), trainable parameters and forward FLOPs, or the reasons it cannot be built.
 * Obtained from {@link NetworkAnalyzer#analyze}; never thrown.
 *
 * @param activationsPerSample values one sample's forward pass keeps for backpropagation: the input and every
 *                             layer's output
 * @param convWorkspacePerSample the largest convolution's im2col buffer for one sample (output positions x kernel
 *                               area x input channels), which a convolution without a fused kernel unfolds into
 */
public record Architecture(
        Genome genome,
        InputShape input,
        int classes,
        List<LayerInfo> layers,
        long trainableParams,
        long flopsPerSample,
        long activationsPerSample,
        long convWorkspacePerSample,
        List<Violation> problems) {

    public Architecture {
        layers = List.copyOf(layers);
        problems = List.copyOf(problems);
    }

    /**
     * Bytes of 32-bit values one training step holds at a batch size: parameters with their gradients and
     * {@code optimizerStateCopies} copies of optimizer state, every activation and its gradient, and the largest
     * convolution's im2col buffer. An estimate made before building, to refuse genomes that would exhaust an
     * evaluator's memory; DL4J's own workspaces add a constant share on top.
     */
    public long trainingBytes(int batchSize, int optimizerStateCopies) {
        long values = trainableParams * (2L + optimizerStateCopies)
                + (long) batchSize * (2 * activationsPerSample + convWorkspacePerSample);
        return 4 * values;
    }

    /**
     * Copies of the forward activations DL4J holds per sample at the peak of a training step: layer inputs and
     * outputs, their gradients, pre-activations, oneDNN's reordered copies and the workspaces that keep them between
     * iterations. Measured at about 6 on the CPU backend for wide convolutions (docs/evaluator.md, "Memory"); 10
     * bounds them with room.
     */
    public static final int PEAK_ACTIVATION_COPIES = 10;

    /**
     * Copies of the largest convolution's im2col buffer held at the peak: the unfolded input, its gradient and the
     * reorders around them. Measured at 3.4 to 5; 6 bounds them.
     */
    public static final int PEAK_WORKSPACE_COPIES = 6;

    /** What a first training adds whatever the network: oneDNN's and DL4J's buffers, compiled code, the batch. */
    public static final long PEAK_FIXED_BYTES = 384L << 20;

    /**
     * An upper bound of the resident memory one training step of this network adds to an evaluator at a batch size:
     * parameters with their gradients and optimizer state, {@link #PEAK_ACTIVATION_COPIES} copies of the activations,
     * {@link #PEAK_WORKSPACE_COPIES} of the largest convolution's im2col buffer, and {@link #PEAK_FIXED_BYTES}.
     * Checked against measured peaks at the corners of the search space (training's {@code MemoryEstimateTest}); an
     * evaluator refuses a genome whose bound does not fit under its memory bound.
     */
    public long peakTrainingBytes(int batchSize, int optimizerStateCopies) {
        long values = trainableParams * (2L + optimizerStateCopies) + (long) batchSize
                * (PEAK_ACTIVATION_COPIES * activationsPerSample + PEAK_WORKSPACE_COPIES * convWorkspacePerSample);
        return 4 * values + PEAK_FIXED_BYTES;
    }

    /** True when a network can be built from the genome. */
    public boolean valid() {
        return problems.isEmpty();
    }

    /** The problems on one line, for results and logs. */
    public String problemText() {
        return problems.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    /** A Keras-style {@code model.summary()}, followed by the forward FLOPs; for an invalid genome, its problems. */
    public String summary() {
        if (!valid()) {
            return "invalid genome:\n" + problems.stream().map(p -> "  " + p + "\n").collect(Collectors.joining());
        }
        String rule = "=".repeat(66) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-30s %-24s %10s%n", "Layer (type)", "Output Shape", "Param #"));
        sb.append(rule);
        for (LayerInfo layer : layers) {
            String shape = layer.outputShape().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ", "(None, ", ")"));
            sb.append(String.format(Locale.ROOT, "%-30s %-24s %,10d%n",
                    layer.name() + " (" + layer.type() + ")", shape, layer.params()));
        }
        sb.append(rule);
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", trainableParams));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParams));
        sb.append("Non-trainable params: 0\n");
        sb.append(String.format(Locale.ROOT, "Forward FLOPs per sample: %,d (input %s, %d classes)%n",
                flopsPerSample, input, classes));
        return sb.toString();
    }
}
