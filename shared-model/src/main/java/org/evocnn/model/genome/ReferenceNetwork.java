package org.evocnn.model.genome;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.evocnn.model.genome.Activation.HARD_SIGMOID;
import static org.evocnn.model.genome.Activation.LEAKY_RELU;
import static org.evocnn.model.genome.Activation.LINEAR;
import static org.evocnn.model.genome.Activation.RELU;
import static org.evocnn.model.genome.Activation.TANH;

/**
 * The four networks of the paper's Tables 2 and 3, with the "Trainable params" printed there. The baselines need
 * explicit paddings to reproduce those counts: the MNIST baseline uses valid convolutions (Keras' default), the
 * Fashion-MNIST baseline same convolutions and same pooling.
 */
public enum ReferenceNetwork {
    MNIST_BASELINE("mnist-baseline", "Table 2, baseline network for MNIST", 600_810, new Genome(
            List.of(new ConvBlock(32, 3, RELU, Padding.VALID),
                    new ConvBlock(32, 3, RELU, Padding.VALID),
                    new PoolBlock(2)),
            List.of(new DenseBlock(128, 0.5, RELU)))),
    MNIST_EVOLVED("mnist-evolved", "Table 2, evolved network for MNIST", 431_659, new Genome(
            List.of(new ConvBlock(22, 2, TANH),
                    new ConvBlock(31, 5, LINEAR),
                    new PoolBlock(3),
                    new ConvBlock(33, 5, RELU)),
            List.of(new DenseBlock(143, 0.4, RELU),
                    new DenseBlock(42, 0.0, TANH)))),
    FASHION_BASELINE("fashion-baseline", "Table 3, baseline network for Fashion-MNIST", 356_234, new Genome(
            List.of(new ConvBlock(32, 3, LEAKY_RELU),
                    new PoolBlock(2, Padding.SAME),
                    new ConvBlock(64, 3, LEAKY_RELU),
                    new PoolBlock(2, Padding.SAME),
                    new ConvBlock(128, 3, LEAKY_RELU),
                    new PoolBlock(2, Padding.SAME)),
            List.of(new DenseBlock(128, 0.3, LEAKY_RELU)))),
    FASHION_EVOLVED("fashion-evolved", "Table 3, evolved network for Fashion-MNIST", 1_714_219, new Genome(
            List.of(new ConvBlock(46, 3, RELU),
                    new ConvBlock(15, 3, RELU),
                    new ConvBlock(36, 4, RELU),
                    new ConvBlock(13, 3, RELU),
                    new ConvBlock(36, 3, RELU),
                    new PoolBlock(2)),
            List.of(new DenseBlock(235, 0.4, HARD_SIGMOID),
                    new DenseBlock(130, 0.3, TANH))));

    private final String id;
    private final String source;
    private final long paperParams;
    private final Genome genome;

    ReferenceNetwork(String id, String source, long paperParams, Genome genome) {
        this.id = id;
        this.source = source;
        this.paperParams = paperParams;
        this.genome = genome;
    }

    /** Short name used on the command line and in the REST API, e.g. {@code mnist-evolved}. */
    public String id() {
        return id;
    }

    /** Where in the paper the network is listed. */
    public String source() {
        return source;
    }

    /** The paper's "Trainable params" for 28x28x1 inputs and 10 classes. */
    public long paperParams() {
        return paperParams;
    }

    public Genome genome() {
        return genome;
    }

    /** @throws IllegalArgumentException naming the known ids */
    public static ReferenceNetwork byId(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reference network '" + id + "', known: "
                        + Arrays.stream(values()).map(ReferenceNetwork::id).collect(Collectors.joining(", "))));
    }
}
