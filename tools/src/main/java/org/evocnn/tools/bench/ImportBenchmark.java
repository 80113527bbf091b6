package org.evocnn.tools.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import org.evocnn.tools.data.ImageImport;
import org.evocnn.tools.data.SyntheticShapes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How fast a user's images become a data set: generates {@code N} coloured-shape PNGs (three classes, sides around
 * 48 pixels, so every image is resized) and times the import (header pass, decoding, resizing, split, gzipped IDX).
 * Usage: {@code scripts/bench-import [N=10000] [SIDE=48]}.
 */
@Command(name = "bench-import", mixinStandardHelpOptions = true,
        description = "Generates coloured PNGs and times their import: images per second.")
public final class ImportBenchmark implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "10000", description = "images (default 10000)")
    int n;
    @Parameters(index = "1", arity = "0..1", defaultValue = "48", description = "typical side in pixels (default 48)")
    int side;

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("evocnn-bench-import");
        try {
            long t0 = System.nanoTime();
            SyntheticShapes.write(work.resolve("shapes"), n / 3, side, 1);
            double generated = (System.nanoTime() - t0) / 1e9;
            long bytes;
            try (var files = Files.walk(work.resolve("shapes"))) {
                bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            ImageImport.Summary s = ImageImport.run(new ImageImport.Options(work.resolve("shapes"),
                    work.resolve("data"), null, null, 0.2, 32, 0.1, 0));
            int images = s.manifest().trainSize() + s.manifest().testSize();
            System.out.printf(Locale.ROOT, "import of %,d PNG images (%.1f MB, sides %d..%d, generated in %.1f s) to "
                            + "%s on %d cores: %.1f s, %.0f images/s%n", images, bytes / 1e6, side - side / 4,
                    side + side / 4, generated, s.manifest().input(), Runtime.getRuntime().availableProcessors(),
                    s.seconds(), images / s.seconds());
        } finally {
            ImageImport.deleteTree(work);
        }
        return 0;
    }
}
