package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.LayerSource;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.data.LabeledImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Weight inheritance with real DL4J on the committed fixture. */
class WeightInheritanceTest {

    private static final LabeledImages IMAGES = Fixture.registry().get("mnist").train();
    private static final TrainingTask TASK = new TrainingTask("mnist", 2, 1, 32, Optimizer.ADAM, 0.002, 0, 5);
    private static final long PARENT = 17;
    /** conv, pool, conv, dense 64, dense 32, output. */
    private static final Genome PARENT_GENOME = new Genome(
            List.of(new ConvBlock(8, 3, Activation.RELU), new PoolBlock(2), new ConvBlock(8, 3, Activation.RELU)),
            List.of(new DenseBlock(64, 0, Activation.RELU), new DenseBlock(32, 0, Activation.RELU)));
    /** The parent's genome with its last dense layer resized: that layer and the output layer change shape. */
    private static final Genome CHILD_GENOME = new Genome(PARENT_GENOME.convPart(),
            List.of(new DenseBlock(64, 0, Activation.RELU), new DenseBlock(48, 0, Activation.RELU)));
    private static final int[] TRAIN = java.util.stream.IntStream.range(0, 500).toArray();
    private static final int[] FIRST_BATCH = java.util.stream.IntStream.range(500, 532).toArray();
    private static MultiLayerNetwork parent;

    @BeforeAll
    static void trainParent() {
        parent = NetworkFactory.build(PARENT_GENOME, TASK, InputShape.MNIST, 10);
        Trainer.fit(parent, IMAGES, TRAIN, 4, 32, 1);
    }

    private static List<LayerSource> sameLayers() {
        return java.util.stream.IntStream.range(0, 6).mapToObj(i -> new LayerSource(PARENT, i)).toList();
    }

    @Test
    void aChildDifferingInOneDenseLayersSizeInheritsEveryOtherLayerExactly() {
        MultiLayerNetwork child = NetworkFactory.build(CHILD_GENOME, TASK, InputShape.MNIST, 10);
        MultiLayerNetwork fresh = NetworkFactory.build(CHILD_GENOME, TASK, InputShape.MNIST, 10);
        WeightInheritance.Inherited inherited = WeightInheritance.inherit(child, sameLayers(),
                p -> p == PARENT ? parent : null);

        for (int layer : new int[] {0, 2, 3}) {
            assertThat(child.getLayer(layer).params()).as("layer %d", layer).isEqualTo(parent.getLayer(layer).params());
        }
        // the resized layer keeps its 32 surviving units; its 16 new ones keep their initialisation
        var w4 = child.getLayer(4).getParam("W");
        var parentW4 = parent.getLayer(4).getParam("W");
        assertThat(w4.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 32))).isEqualTo(parentW4);
        assertThat(w4.get(NDArrayIndex.all(), NDArrayIndex.interval(32, 48)))
                .isEqualTo(fresh.getLayer(4).getParam("W").get(NDArrayIndex.all(), NDArrayIndex.interval(32, 48)));
        // the output layer keeps the weights of those 32 inputs; the new inputs' weights are zero
        var w5 = child.getLayer(5).getParam("W");
        assertThat(w5.get(NDArrayIndex.interval(0, 32), NDArrayIndex.all())).isEqualTo(parent.getLayer(5).getParam("W"));
        assertThat(w5.get(NDArrayIndex.interval(32, 48), NDArrayIndex.all()).sumNumber().doubleValue()).isZero();
        assertThat(w5.get(NDArrayIndex.interval(32, 48), NDArrayIndex.all()).amaxNumber().doubleValue()).isZero();
        assertThat(child.getLayer(5).getParam("b")).isEqualTo(parent.getLayer(5).getParam("b"));
        assertThat(inherited.layers()).isEqualTo(5);
        assertThat(inherited.params()).isEqualTo(parent.numParams());

        // a fresh source (another kernel, activation, a redraw) inherits nothing there
        MultiLayerNetwork redrawn = NetworkFactory.build(CHILD_GENOME, TASK, InputShape.MNIST, 10);
        List<LayerSource> sources = new java.util.ArrayList<>(sameLayers());
        sources.set(4, LayerSource.FRESH);
        WeightInheritance.inherit(redrawn, sources, p -> parent);
        assertThat(redrawn.getLayer(4).params()).isEqualTo(fresh.getLayer(4).params());
        assertThat(redrawn.getLayer(3).params()).isEqualTo(parent.getLayer(3).params());
    }

    @Test
    void aFirstDenseLayerWhoseFlattenedInputChangedShapeStartsFresh() {
        // a second pool halves the volume the first dense layer reads: its inputs no longer line up
        Genome pooled = new Genome(List.of(new ConvBlock(8, 3, Activation.RELU), new PoolBlock(2),
                new ConvBlock(8, 3, Activation.RELU), new PoolBlock(2)), PARENT_GENOME.densePart());
        MultiLayerNetwork child = NetworkFactory.build(pooled, TASK, InputShape.MNIST, 10);
        MultiLayerNetwork fresh = NetworkFactory.build(pooled, TASK, InputShape.MNIST, 10);
        List<LayerSource> sources = List.of(new LayerSource(PARENT, 0), new LayerSource(PARENT, 1),
                new LayerSource(PARENT, 2), LayerSource.FRESH, new LayerSource(PARENT, 3), new LayerSource(PARENT, 4),
                new LayerSource(PARENT, 5));
        WeightInheritance.inherit(child, sources, p -> parent);
        assertThat(child.getLayer(4).params()).isEqualTo(fresh.getLayer(4).params());
        assertThat(child.getLayer(5).params()).isEqualTo(parent.getLayer(4).params());
    }

    @Test
    void anInheritedChildStartsWithALowerFirstBatchLossThanTheSameGenomeFromScratch() {
        // a child whose only change is the last hidden layer's size
        MultiLayerNetwork child = NetworkFactory.build(CHILD_GENOME, TASK, InputShape.MNIST, 10);
        WeightInheritance.inherit(child, sameLayers(), p -> parent);
        MultiLayerNetwork scratch = NetworkFactory.build(CHILD_GENOME, TASK, InputShape.MNIST, 10);

        // the loss of the first training batch, as fit() reports it
        child.fit(Trainer.batch(IMAGES, FIRST_BATCH, 0, FIRST_BATCH.length));
        scratch.fit(Trainer.batch(IMAGES, FIRST_BATCH, 0, FIRST_BATCH.length));
        assertThat(child.score()).isLessThan(scratch.score());
    }

    @Test
    void freshSourcesAndMissingParentsInheritNothing() {
        MultiLayerNetwork child = NetworkFactory.build(PARENT_GENOME, TASK, InputShape.MNIST, 10);
        MultiLayerNetwork untouched = NetworkFactory.build(PARENT_GENOME, TASK, InputShape.MNIST, 10);
        assertThat(WeightInheritance.inherit(child, sameLayers(), p -> null)).isEqualTo(
                WeightInheritance.Inherited.NONE);
        assertThat(WeightInheritance.inherit(child, java.util.Collections.nCopies(6, LayerSource.FRESH), p -> parent))
                .isEqualTo(WeightInheritance.Inherited.NONE);
        assertThat(child.params()).isEqualTo(untouched.params());
        // the same genome from the same parent: everything
        assertThat(WeightInheritance.inherit(child, sameLayers(), p -> parent).params()).isEqualTo(parent.numParams());
        assertThat(child.params()).isEqualTo(parent.params());
    }
}
