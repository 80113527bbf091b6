package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetException;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.json.DatasetManifests;
import org.evocnn.tools.cli.ShapeConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code scripts/evocnn-data}: users' data sets. */
@Command(name = "evocnn-data", mixinStandardHelpOptions = true,
        description = "Imports a folder of images (one sub-folder per class) or IDX files as a data set evocnn can "
                + "evolve networks for, and lists the data sets of a data directory.",
        subcommands = {DataCommand.Import.class, DataCommand.ListDatasets.class})
public final class DataCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DataCommand()).execute(args));
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Converts SOURCE into <data>/<id>/ (IDX files and dataset.json). SOURCE holds one folder "
                    + "of images per class (PNG, JPEG, BMP, GIF; any size, grey or colour), or train/ and test/ "
                    + "folders that do, or the four IDX files. Nothing is written when it fails.")
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "SOURCE", description = "the folder to import")
        Path source;

        @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data)")
        Path data = Path.of("data");

        @Option(names = "--id", description = "the data set's id (default: SOURCE's name)")
        String id;

        @Option(names = "--shape", paramLabel = "HxWxC", converter = ShapeConverter.class,
                description = "image shape after import (default: the median size, at most --max-side, colour "
                        + "if any image has colour)")
        InputShape shape;

        @Option(names = "--max-side", description = "largest side of the default shape (default: ${DEFAULT-VALUE})")
        int maxSide = 64;

        @Option(names = "--test-fraction",
                description = "share of each class held out for testing, without test/ (default: ${DEFAULT-VALUE})")
        double testFraction = 0.2;

        @Option(names = "--max-skipped",
                description = "largest share of unreadable files skipped before failing (default: ${DEFAULT-VALUE})")
        double maxSkipped = 0.1;

        @Option(names = "--seed", description = "seed of the split (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--replace", description = "replace a data set of the same id imported from another source")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            try {
                ImageImport.Summary summary = ImageImport.run(new ImageImport.Options(source, data, id,
                        shape, testFraction, maxSide, maxSkipped, seed, replace));
                System.out.println(summary.describe());
                System.out.println("use it: scripts/evocnn-run --dataset " + summary.manifest().id() + " --data " + data
                        + "   (REST: \"task\": {\"dataset\": \"" + summary.manifest().id() + "\"})");
                return 0;
            } catch (DatasetException | IllegalArgumentException e) {
                System.err.println("evocnn-data import: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the data sets a data directory holds.")
    static final class ListDatasets implements Callable<Integer> {

        @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: ./data)")
        Path data = Path.of("data");

        @Override
        public Integer call() {
            DatasetManifests.Registered found = DatasetManifests.registerAll(data);
            for (DatasetInfo d : DatasetCatalog.all()) {
                System.out.printf("%-20s %-10s %4d classes %8d train %7d test%s%n", d.id(), d.input(), d.classes(),
                        d.trainSize(), d.testSize(), DatasetCatalog.builtIn().contains(d) ? "  (built in)" : "");
            }
            found.problems().forEach(p -> System.err.println("not a data set: " + p));
            return found.problems().isEmpty() ? 0 : 1;
        }
    }
}
