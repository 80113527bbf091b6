package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageImportTest {

    private static ImageImport.Options options(Path source, Path data) {
        return ImageImport.Options.of(source, data);
    }

    /** The data directory holds nothing but finished data sets (no temporary folder left behind). */
    private static List<String> entries(Path data) throws Exception {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(data)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void grey(Path file, int h, int w, int value) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, value);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void classFoldersOfMixedSizesBecomeOneShapeWithAStratifiedSplitAndReadBack(@TempDir Path tmp) throws Exception {
        SyntheticShapes.write(tmp.resolve("toys"), 20, 40, 2); // sides 30..50
        ImageImport.Summary s = ImageImport.run(options(tmp.resolve("toys"), tmp.resolve("data")));

        assertThat(s.manifest().id()).isEqualTo("toys");
        assertThat(s.manifest().input()).isEqualTo(new InputShape(s.manifest().input().height(),
                s.manifest().input().width(), 3));
        assertThat(s.manifest().input().height()).isBetween(30, 50);
        assertThat(s.manifest().classNames()).containsExactly("circle", "square", "triangle");
        assertThat(s.manifest().testSize()).isEqualTo(12); // 4 of 20 per class
        assertThat(s.manifest().trainSize()).isEqualTo(48);
        var data = new DatasetRegistry(tmp.resolve("data")).get("toys");
        assertThat(data.train().shapeMatches(s.manifest().input())).isTrue();
        for (int c = 0; c < 3; c++) {
            int label = c;
            assertThat(java.util.stream.IntStream.range(0, data.test().size()).filter(i -> data.test().label(i) == label))
                    .hasSize(4);
        }
        assertThat(DatasetCatalog.get("toys").classes()).isEqualTo(3);

        ImageImport.Summary again = ImageImport.run(options(tmp.resolve("toys"), tmp.resolve("data")));
        assertThat(again.reused()).isTrue();
        assertThat(entries(tmp.resolve("data"))).containsExactly("toys");
    }

    @Test
    void trainAndTestFoldersKeepTheirSplitAndGreyStaysGrey(@TempDir Path tmp) throws Exception {
        for (String part : List.of("train", "test")) {
            for (String c : List.of("dark", "light")) {
                for (int i = 0; i < (part.equals("train") ? 5 : 2); i++) {
                    grey(tmp.resolve("src/" + part + "/" + c + "/" + i + ".png"), 10, 8, c.equals("dark") ? 10 : 240);
                }
            }
        }
        ImageImport.Summary s = ImageImport.run(new ImageImport.Options(tmp.resolve("src"), tmp.resolve("data"),
                "greys", null, 0.5, 64, 0.1, 0));

        assertThat(s.manifest().input()).isEqualTo(new InputShape(10, 8, 1));
        assertThat(s.manifest().trainSize()).isEqualTo(10);
        assertThat(s.manifest().testSize()).isEqualTo(4);
    }

    @Test
    void badSourcesAreRefusedByNameAndLeaveNothingBehind(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> ImageImport.run(options(tmp.resolve("missing"), data)))
                .isInstanceOf(DatasetException.class).hasMessageEndingWith("missing: no such folder");

        grey(tmp.resolve("one/only/a.png"), 8, 8, 1);
        grey(tmp.resolve("one/only/b.png"), 8, 8, 1);
        assertThatThrownBy(() -> ImageImport.run(options(tmp.resolve("one"), data)))
                .hasMessageContaining("only one class ('only')");

        grey(tmp.resolve("empty/a/x.png"), 8, 8, 1);
        grey(tmp.resolve("empty/a/y.png"), 8, 8, 1);
        Files.createDirectories(tmp.resolve("empty/b"));
        assertThatThrownBy(() -> ImageImport.run(options(tmp.resolve("empty"), data)))
                .hasMessageEndingWith("b: empty class folder");

        for (String c : List.of("a", "b")) {
            for (int i = 0; i < 3; i++) {
                grey(tmp.resolve("junk/" + c + "/" + i + ".png"), 8, 8, 1);
                Files.writeString(tmp.resolve("junk/" + c + "/" + i + ".txt"), "not an image");
            }
        }
        assertThatThrownBy(() -> ImageImport.run(options(tmp.resolve("junk"), data)))
                .hasMessageStartingWith("6 of 12 files are not readable images (more than 10 %)");
        // tolerated below the threshold: skipped and counted
        ImageImport.Summary lenient = ImageImport.run(new ImageImport.Options(tmp.resolve("junk"), data, null, null,
                0.34, 64, 0.6, 0));
        assertThat(lenient.skipped()).isEqualTo(6);
        assertThat(lenient.manifest().skipped()).isEqualTo(6);

        assertThatThrownBy(() -> ImageImport.run(new ImageImport.Options(tmp.resolve("junk"), data, "mnist", null,
                0.2, 64, 0.6, 0))).hasMessageContaining("built-in");
        assertThat(entries(data)).containsExactly("junk");
    }

    @Test
    void theDefaultShapeIsTheMedianScaledToTheLargestSide() {
        assertThat(org.evocnn.training.data.Images.shapeOf(List.of(new int[] {100, 200}, new int[] {300, 600}, new int[] {120, 240}),
                true, 64)).isEqualTo(new InputShape(32, 64, 3));
        assertThat(org.evocnn.training.data.Images.shapeOf(List.of(new int[] {20, 30}), false, 64)).isEqualTo(new InputShape(20, 30, 1));
        assertThat(InputShape.parse("shape", "32x32x3")).isEqualTo(new InputShape(32, 32, 3));
        assertThat(InputShape.parse("shape", "28x28")).isEqualTo(new InputShape(28, 28, 1));
        assertThatThrownBy(() -> InputShape.parse("shape", "big")).hasMessageContaining("32x32x3");
    }

    @Test
    void nonsenseOptionsAreRefusedWithAClearMessageAndAnotherSourceDoesNotReplaceADataSet(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> new ImageImport.Options(tmp, data, "../evil", null, 0.2, 64, 0.1, 0))
                .hasMessageStartingWith("--id must be a plain name");
        assertThatThrownBy(() -> new ImageImport.Options(tmp, data, null, null, 0.2, 64, -1, 0))
                .hasMessage("--max-skipped is a share of the files, 0..1, not -1.0");
        assertThatThrownBy(() -> new ImageImport.Options(tmp, data, null, new InputShape(100_000, 100_000, 3), 0.2,
                64, 0.1, 0)).hasMessageContaining("sides are at most 1024");

        SyntheticShapes.write(tmp.resolve("one/toys"), 6, 24, 1);
        SyntheticShapes.write(tmp.resolve("two/toys"), 6, 24, 2);
        ImageImport.run(options(tmp.resolve("one/toys"), data));
        assertThatThrownBy(() -> ImageImport.run(options(tmp.resolve("two/toys"), data)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("a data set 'toys' exists already, imported from " + tmp.resolve("one/toys"))
                .hasMessageContaining("--replace");
        ImageImport.Summary replaced = ImageImport.run(new ImageImport.Options(tmp.resolve("two/toys"), data, null,
                null, 0.2, 64, 0.1, 0, true));
        assertThat(replaced.manifest().source()).startsWith(tmp.resolve("two/toys").toString());
    }
}
