package org.evocnn.tools.predict;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.tools.data.ImageImport;
import org.evocnn.tools.data.SyntheticShapes;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.dl4j.Deadline;
import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.training.dl4j.MemoryBound;
import org.evocnn.training.export.KeptModels;
import org.evocnn.training.export.TrainedNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * evocnn-predict on a user's data set: generated colour shapes (train/ and test/ folders) are imported, a network is
 * trained on them by the DL4J evaluator's final training (which keeps it, as for the service), and the command, given
 * the test folder, reports exactly the test accuracy the final training reported, from the DL4J file and from its
 * ONNX export alike.
 */
class PredictCommandTest {

    @TempDir
    static Path tmp;

    private static EvaluationResult trained;
    private static Path zip;
    private static Path onnx;

    @BeforeAll
    static void trainOnImportedShapes() throws Exception {
        Path source = tmp.resolve("shapes");
        SyntheticShapes.write(source.resolve("train"), 60, 24, 1);
        SyntheticShapes.write(source.resolve("test"), 20, 24, 2);
        ImageImport.run(new ImageImport.Options(source, tmp.resolve("data"), "shapes", new InputShape(16, 16, 3),
                0.2, 64, 0.1, 0, false));
        KeptModels models = new KeptModels(tmp.resolve("kept"), 1L << 30);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(new DatasetRegistry(tmp.resolve("data")), ResourceCaps.DEFAULTS,
                Duration.ofHours(1), new EvaluatorInfo("test", "cpu", "test"), MemoryBound.NONE,
                Deadline.DEFAULT_MIN_FLOPS_PER_SECOND, models);
        Genome genome = new Genome(List.of(new ConvBlock(8, 3, Activation.RELU), new PoolBlock(2)),
                List.of(new DenseBlock(24, 0, Activation.RELU)));
        EvaluationId id = EvaluationId.finalTraining("run-20261202-000000-0000", 1, 1);
        trained = evaluator.evaluate(new EvaluationRequest(id, genome,
                new TrainingTask("shapes", 2, 4, 16, Optimizer.ADAM, 0.003, 0, 1)));
        assertThat(trained.status()).as(trained.error()).isEqualTo(org.evocnn.model.message.EvaluationStatus.OK);
        assertThat(trained.model().isKept()).isTrue();
        zip = Files.copy(models.zip(id), tmp.resolve("best.zip"));
        Files.copy(models.manifest(id), tmp.resolve("best.json"));
        ModelManifest manifest = ModelJson.read(Files.readString(tmp.resolve("best.json")), ModelManifest.class);
        try (TrainedNetwork network = TrainedNetwork.load(zip, manifest)) {
            onnx = Files.write(tmp.resolve("best.onnx"), network.onnx());
        }
    }

    @Test
    void aLabelledFolderGivesTheFinalTrainingsTestAccuracyFromTheDl4jFileAndFromOnnx() {
        for (Path model : List.of(zip, onnx)) {
            Run run = run(model.toString(), tmp.resolve("shapes/test").toString());
            assertThat(run.code).as(run.err).isZero();
            Matcher m = Pattern.compile("accuracy ([0-9.]+) \\((\\d+) of (\\d+)\\)").matcher(run.out);
            assertThat(m.find()).as(run.out).isTrue();
            assertThat(Integer.parseInt(m.group(3))).isEqualTo(60);
            assertThat(Integer.parseInt(m.group(2)) / 60.0).as(model.getFileName().toString())
                    .isEqualTo(trained.fitness().accuracy());
            assertThat(run.out).contains("confusion matrix").contains("circle").contains("triangle");
        }
    }

    @Test
    void csvHasOneLinePerImageWithItsLabelAndClass() {
        Run run = run("--csv", zip.toString(), tmp.resolve("shapes/test").toString());
        List<String> lines = run.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("file,label,class,probability");
        assertThat(lines).hasSize(61);
        assertThat(lines.get(1)).matches(".*circle-00000\\.png,circle,(circle|square|triangle),0\\.\\d{6}");
        assertThat(run.err).contains("accuracy");
    }

    @Test
    void singleImagesGetTheirTopClassesAndBadOnesAreSkippedSayingWhy() throws Exception {
        Path notImage = Files.writeString(tmp.resolve("notes.png"), "not an image");
        Run run = run("--top", "3", onnx.toString(), tmp.resolve("shapes/test/square/square-00001.png").toString(),
                notImage.toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.out.lines().toList()).singleElement().asString()
                .matches(".*square-00001\\.png(  (circle|square|triangle) 0\\.\\d{4}){3}");
        assertThat(run.err).contains("notes.png: skipped: not an image");
    }

    @Test
    void aColourImageForAGreyNetworkAndAZipWithoutItsManifestAreRefused() throws Exception {
        Path lonely = Files.copy(zip, Files.createDirectories(tmp.resolve("lonely")).resolve("model.zip"));
        Run missing = run(lonely.toString(), tmp.resolve("shapes/test").toString());
        assertThat(missing.code).isNotZero();
        assertThat(missing.err).contains("model.json is missing");

        BufferedImage colour = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(1, 1, 0xff0000);
        Path image = tmp.resolve("red.png");
        ImageIO.write(colour, "png", image.toFile());
        assertThat(PredictCommand.prepare(image, new InputShape(8, 8, 1))).isEqualTo(
                "has colour; the network was trained on grey images");
        assertThat(PredictCommand.prepare(image, new InputShape(8, 8, 3))).isInstanceOf(byte[].class);
    }

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = PredictCommand.commandLine(new PredictCommand(o, e)).setErr(new java.io.PrintWriter(e, true))
                .execute(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
