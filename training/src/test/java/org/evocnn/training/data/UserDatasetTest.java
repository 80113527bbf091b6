package org.evocnn.training.data;

import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetManifest;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.json.DatasetManifests;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.evocnn.model.genome.Activation.RELU;

/** A user's colour data set: its manifest is registered, its n x c x h x w images are read and trained on. */
class UserDatasetTest {

    /** Class c has a bright square in channel c: easy for a network that sees colour, impossible for one that does not. */
    private static void write(Path dir, String id, int train, int test, InputShape declared) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(id));
        SplittableRandom rng = new SplittableRandom(5);
        for (String part : List.of("train", "t10k")) {
            int n = part.equals("train") ? train : test;
            byte[] pixels = new byte[n * 3 * 12 * 12];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                int c = rng.nextInt(3);
                labels[i] = (byte) c;
                int x = rng.nextInt(0, 6);
                int y = rng.nextInt(0, 6);
                for (int k = 0; k < 3 * 144; k++) {
                    pixels[i * 432 + k] = (byte) rng.nextInt(0, 60);
                }
                for (int dy = 0; dy < 6; dy++) {
                    for (int dx = 0; dx < 6; dx++) {
                        pixels[i * 432 + c * 144 + (y + dy) * 12 + x + dx] = (byte) 220;
                    }
                }
            }
            IdxWriter.write(folder.resolve(part + "-images-idx3-ubyte.gz"), new int[] {n, 3, 12, 12}, pixels);
            IdxWriter.write(folder.resolve(part + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
        }
        DatasetManifests.write(folder.resolve(DatasetCatalog.MANIFEST), new DatasetManifest(1, id, declared, 3,
                List.of("red", "green", "blue"), train, test, "chw", "test", 0));
    }

    @Test
    void aColourDataSetIsRegisteredReadAndLearnt(@TempDir Path dir) throws Exception {
        write(dir, "squares", 300, 60, new InputShape(12, 12, 3));
        DatasetRegistry registry = new DatasetRegistry(dir);

        assertThat(DatasetCatalog.get("squares").input()).isEqualTo(new InputShape(12, 12, 3));
        Dataset data = registry.get("squares");
        assertThat(data.train().channels()).isEqualTo(3);
        assertThat(data.train().pixelsPerImage()).isEqualTo(432);
        assertThat(data.test().size()).isEqualTo(60);

        Genome genome = new Genome(List.of(new ConvBlock(8, 3, RELU), new PoolBlock(2)),
                List.of(new DenseBlock(16, 0, RELU)));
        EvaluationResult result = new Dl4jEvaluator(registry, ResourceCaps.DEFAULTS, Duration.ofMinutes(5),
                new EvaluatorInfo("t", "cpu", "t")).evaluate(new EvaluationRequest(EvaluationId.fitness("r", 1),
                genome, new TrainingTask("squares", 2, 3, 16, Optimizer.ADAM, 0.003, 0, 1)));
        assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
        // 3x3 convolutions over 3 channels: 8 * (27 + 1) parameters in the first layer
        assertThat(result.trainableParams()).isEqualTo(8 * 28 + 6 * 6 * 8 * 16 + 16 + 17 * 3);
        assertThat(result.fitness().accuracy()).isGreaterThan(0.8);
    }

    @Test
    void aManifestThatDisagreesWithTheImagesIsRefusedByName(@TempDir Path dir) throws Exception {
        write(dir, "liar", 30, 9, new InputShape(12, 12, 1));
        DatasetRegistry registry = new DatasetRegistry(dir);

        assertThatThrownBy(() -> registry.get("liar")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds 12x12x3 images, the catalog says 12x12x1");
    }

    @Test
    void aBrokenManifestIsSkippedAndTheRestRegistered(@TempDir Path dir) throws Exception {
        write(dir, "good", 30, 9, new InputShape(12, 12, 3));
        Files.createDirectories(dir.resolve("bad"));
        Files.writeString(dir.resolve("bad").resolve(DatasetCatalog.MANIFEST), "{\"schemaVersion\": 1, \"id\": 3");

        DatasetManifests.Registered found = DatasetManifests.registerAll(dir);
        assertThat(found.datasets()).extracting(d -> d.id()).containsExactly("good");
        assertThat(found.problems()).singleElement().asString().contains("bad").contains(DatasetCatalog.MANIFEST);
    }
}
