package org.evocnn.training.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.data.LabeledImages;
import org.evocnn.training.dl4j.NetworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;

/**
 * The ONNX export computes what the DL4J network computes: ONNX Runtime's outputs equal DL4J's within 1e-4 and the
 * predicted classes are the same, on the fixture's 200 test images (networks trained on 200 of its training images
 * first, so that their outputs differ by class) and on 200 random colour images, for the paper's reference networks, 20
 * random genomes of the default search space (fixed seed), and genomes that cover every activation, both paddings of
 * convolutions and pools, and even kernels.
 */
class OnnxExportTest {

    private static final double TOLERANCE = 1e-4;
    private static final TrainingTask TASK = new TrainingTask("mnist", 2, 1, 32, org.evocnn.model.genome.Optimizer.RMSPROP,
            0.001, 0, 5);
    private static final InputShape COLOUR = new InputShape(20, 18, 3);
    /** Fixture images each network trains on before it is compared: enough for outputs that differ by class. */
    private static final int TRAINED = 200;

    private static OrtEnvironment ort;
    private static Dataset mnist;

    @BeforeAll
    static void start() {
        ort = OrtEnvironment.getEnvironment();
        mnist = Fixture.registry().get("mnist");
    }

    @AfterAll
    static void stop() {
        ort.close();
    }

    static Stream<Arguments> grayNetworks() {
        List<Arguments> all = new ArrayList<>();
        for (ReferenceNetwork reference : ReferenceNetwork.values()) {
            all.add(Arguments.of(reference.id(), reference.genome()));
        }
        Breeder breeder = new Breeder(SearchSpace.defaults(), Variation.defaults(), new TournamentSelection(3),
                InputShape.MNIST, 10, 128, 1);
        SplittableRandom rng = new SplittableRandom(20);
        for (int i = 1; i <= 20; i++) {
            all.add(Arguments.of("random " + i, breeder.random(rng).genome()));
        }
        for (Activation activation : Activation.values()) {
            all.add(Arguments.of("every layer " + activation.name().toLowerCase(java.util.Locale.ROOT), new Genome(
                    List.of(new ConvBlock(6, 3, activation), new PoolBlock(2), new ConvBlock(5, 4, activation)),
                    List.of(new DenseBlock(24, 0.3, activation), new DenseBlock(12, 0, activation)))));
        }
        all.add(Arguments.of("valid padding, odd sizes", new Genome(List.of(
                new ConvBlock(7, 5, RELU, Padding.VALID), new PoolBlock(3, Padding.VALID),
                new ConvBlock(9, 2, RELU, Padding.VALID), new PoolBlock(2, Padding.VALID)),
                List.of(new DenseBlock(16, 0, RELU)))));
        all.add(Arguments.of("same pooling of odd sizes, even kernels", new Genome(List.of(
                new ConvBlock(4, 2, RELU), new PoolBlock(3, Padding.SAME), new ConvBlock(6, 4, Activation.TANH),
                new PoolBlock(4, Padding.SAME)), List.of(new DenseBlock(16, 0, RELU)))));
        all.add(Arguments.of("no convolutions", new Genome(List.<ConvPartBlock>of(),
                List.of(new DenseBlock(32, 0.2, Activation.SIGMOID)))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grayNetworks")
    void onnxRuntimeAgreesWithDl4jOnTheFixture(String name, Genome genome) throws Exception {
        MultiLayerNetwork network = NetworkFactory.build(genome, TASK, InputShape.MNIST, 10);
        try {
            trainOneEpoch(network);
            List<byte[]> images = images(mnist.test());
            compare(name, network, manifest(genome, InputShape.MNIST), images, true);
        } finally {
            network.close();
        }
    }

    static Stream<Arguments> colourNetworks() {
        return Stream.of(
                Arguments.of("colour, same padding", new Genome(List.of(new ConvBlock(8, 3, Activation.LEAKY_RELU),
                        new PoolBlock(2), new ConvBlock(6, 5, Activation.HARD_SIGMOID)),
                        List.of(new DenseBlock(20, 0.4, Activation.TANH)))),
                Arguments.of("colour, valid padding", new Genome(List.of(new ConvBlock(5, 3, RELU, Padding.VALID),
                        new PoolBlock(3, Padding.VALID), new ConvBlock(4, 2, Activation.LINEAR, Padding.VALID)),
                        List.of(new DenseBlock(10, 0, Activation.SIGMOID)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("colourNetworks")
    void onnxRuntimeAgreesWithDl4jOnColourImages(String name, Genome genome) throws Exception {
        MultiLayerNetwork network = NetworkFactory.build(genome, TASK, COLOUR, 10);
        try {
            SplittableRandom rng = new SplittableRandom(7);
            List<byte[]> images = IntStream.range(0, 200).mapToObj(i -> {
                byte[] image = new byte[COLOUR.height() * COLOUR.width() * COLOUR.channels()];
                for (int j = 0; j < image.length; j++) {
                    image[j] = (byte) rng.nextInt(256);
                }
                return image;
            }).toList();
            // untrained: classes are compared only where DL4J's two most probable differ by more than the tolerance
            compare(name, network, manifest(genome, COLOUR), images, false);
        } finally {
            network.close();
        }
    }

    @Test
    void theGraphDeclaresNchwInputProbabilityOutputAndCarriesTheManifest() throws Exception {
        Genome genome = ReferenceNetwork.MNIST_BASELINE.genome();
        MultiLayerNetwork network = NetworkFactory.build(genome, TASK, InputShape.MNIST, 10);
        try {
            ModelManifest manifest = manifest(genome, InputShape.MNIST);
            byte[] onnx = OnnxExport.export(network, manifest);
            try (OrtSession session = ort.createSession(onnx, new OrtSession.SessionOptions())) {
                assertThat(session.getInputNames()).containsExactly(OnnxExport.INPUT);
                assertThat(session.getOutputNames()).containsExactly(OnnxExport.OUTPUT);
                var input = (ai.onnxruntime.TensorInfo) session.getInputInfo().get(OnnxExport.INPUT).getInfo();
                assertThat(input.getShape()).containsExactly(-1, 1, 28, 28);
                assertThat(input.type).isEqualTo(ai.onnxruntime.OnnxJavaType.FLOAT);
                String stored = session.getMetadata().getCustomMetadata().get(OnnxExport.MANIFEST_KEY);
                assertThat(ModelJson.read(stored, ModelManifest.class)).isEqualTo(manifest);
                assertThat(session.getMetadata().getProducerName()).isEqualTo("evocnn");
            }
            var model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(onnx);
            assertThat(model.getOpsetImport(0).getVersion()).isGreaterThanOrEqualTo(13);
            assertThat(model.getGraph().getNodeList()).extracting(n -> n.getOpType())
                    .doesNotContain("Dropout").contains("Conv", "MaxPool", "Flatten", "Gemm", "Softmax");
        } finally {
            network.close();
        }
    }

    private static void compare(String name, MultiLayerNetwork network, ModelManifest manifest, List<byte[]> images,
                                boolean sameClassEverywhere) throws Exception {
        float[][] dl4j = new TrainedNetwork(network, manifest).probabilities(images);
        float[][] onnx = run(OnnxExport.export(network, manifest), manifest.input(), Classifier.inputValues(manifest,
                images), images.size());
        double worst = 0;
        int compared = 0;
        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < dl4j[i].length; c++) {
                worst = Math.max(worst, Math.abs(dl4j[i][c] - onnx[i][c]));
            }
            if (sameClassEverywhere || margin(dl4j[i]) > 2 * TOLERANCE) {
                assertThat(Classifier.argmax(onnx[i])).as("%s: class of image %d", name, i)
                        .isEqualTo(Classifier.argmax(dl4j[i]));
                compared++;
            }
        }
        assertThat(worst).as("%s: largest difference of a probability", name).isLessThanOrEqualTo(TOLERANCE);
        assertThat(compared).as("%s: images whose class is compared", name).isGreaterThanOrEqualTo(150);
    }

    static float[][] run(byte[] model, InputShape shape, float[] values, int n) throws Exception {
        try (OrtSession session = ort.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(values),
                     new long[] {n, shape.channels(), shape.height(), shape.width()});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static void trainOneEpoch(MultiLayerNetwork network) {
        LabeledImages train = mnist.train();
        int px = train.pixelsPerImage();
        for (int from = 0; from < TRAINED; from += 50) {
            int n = Math.min(50, TRAINED - from);
            float[] x = new float[n * px];
            float[] y = new float[n * 10];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < px; j++) {
                    x[i * px + j] = (train.pixels()[(from + i) * px + j] & 0xff) / 255f;
                }
                y[i * 10 + train.label(from + i)] = 1;
            }
            network.fit(new DataSet(Nd4j.create(x, new long[] {n, px}, 'c'), Nd4j.create(y, new long[] {n, 10}, 'c')));
        }
    }

    static List<byte[]> images(LabeledImages part) {
        int px = part.pixelsPerImage();
        return IntStream.range(0, part.size()).mapToObj(i -> Arrays.copyOfRange(part.pixels(), i * px, (i + 1) * px))
                .toList();
    }

    static ModelManifest manifest(Genome genome, InputShape shape) {
        return ModelManifest.of("mnist", shape, IntStream.range(0, 10).mapToObj(Integer::toString).toList(), genome,
                Fitness.ofTest(0.5, 0.9), "run-20261202-000000-0000-final1-1", "0".repeat(64), 1);
    }


    private static double margin(float[] row) {
        float[] sorted = row.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }
}
