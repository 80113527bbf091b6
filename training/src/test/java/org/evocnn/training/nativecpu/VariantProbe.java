package org.evocnn.training.nativecpu;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.dl4j.Backend;
import org.evocnn.training.dl4j.NetworkFactory;
import org.evocnn.training.dl4j.Trainer;
import org.evocnn.model.genome.Optimizer;

import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One epoch of the paper's MNIST baseline on the fixture in a fresh JVM, under whatever build this process chooses
 * ({@code -Devocnn.nd4j.variant=...} to force one). Prints {@code loaded=<folder> helper=<conv helper> loss=<test
 * loss>}; a choice refused exits with {@link NativeVariantException#EXIT_STATUS} and its one line.
 */
public final class VariantProbe {

    private VariantProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Backend.init();
        } catch (NativeVariantException e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(NativeVariantException.EXIT_STATUS);
        }
        Dataset mnist = Fixture.registry().get("mnist");
        TrainingTask task = new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 7);
        MultiLayerNetwork net = NetworkFactory.build(ReferenceNetwork.MNIST_BASELINE.genome(), task,
                mnist.inputShape(), mnist.classes());
        Trainer.fit(net, mnist.train(), IntStream.range(0, Fixture.TRAIN).toArray(), 1, 64, 7);
        Trainer.Score score = Trainer.score(net, mnist.test(), IntStream.range(0, Fixture.TEST).toArray(), 100);
        System.out.printf(Locale.ROOT, "loaded=%s helper=%s loss=%.6f%n", NativeVariants.loaded().orElse("none"),
                Backend.helperOf(net.getLayer(0)), score.loss());
    }
}
