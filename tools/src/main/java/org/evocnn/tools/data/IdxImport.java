package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.IdxReader;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetManifest;
import org.evocnn.model.json.DatasetManifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** A user's data set given as the four IDX files: copied as they are, with a manifest. */
final class IdxImport {

    /** The data set written under a temporary name in the data directory, to be moved into place. */
    record Written(DatasetManifest manifest, Path folder) {
    }

    private IdxImport() {
    }

    static boolean isIdxFolder(Path source) {
        return DatasetCatalog.FILES.stream().allMatch(f -> Files.isRegularFile(source.resolve(f))
                || Files.isRegularFile(source.resolve(f + ".gz")));
    }

    /** IDX files as they are: copied with a manifest (classes from the largest label). */
    static Written run(Path source, String id, Path dataDir) throws IOException {
        Path[] files = DatasetCatalog.FILES.stream().map(f -> Files.isRegularFile(source.resolve(f))
                ? source.resolve(f) : source.resolve(f + ".gz")).toArray(Path[]::new);
        IdxReader.IdxArray train = IdxReader.readImages(files[0]);
        IdxReader.IdxArray trainLabels = IdxReader.read(files[1], 1);
        IdxReader.IdxArray test = IdxReader.readImages(files[2]);
        IdxReader.IdxArray testLabels = IdxReader.read(files[3], 1);
        int[] d = train.dims();
        InputShape shape = d.length == 3 ? new InputShape(d[1], d[2], 1) : new InputShape(d[2], d[3], d[1]);
        if (!Arrays.equals(Arrays.copyOfRange(d, 1, d.length), Arrays.copyOfRange(test.dims(), 1, test.dims().length))) {
            throw new DatasetException(files[2] + ": its images' shape differs from " + files[0] + "'s");
        }
        int classes = 0;
        for (byte[] labels : List.of(trainLabels.data(), testLabels.data())) {
            for (byte b : labels) {
                classes = Math.max(classes, (b & 0xff) + 1);
            }
        }
        if (classes < 2) {
            throw new DatasetException(source + ": the labels name only one class");
        }
        Path tmp = Files.createTempDirectory(Files.createDirectories(dataDir), ".import-" + id + "-");
        try {
            for (Path f : files) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
            DatasetManifest manifest = new DatasetManifest(DatasetManifest.SCHEMA_VERSION, id, shape, classes,
                    IntStream.range(0, classes).mapToObj(Integer::toString).toList(), train.count(), test.count(),
                    DatasetManifest.LAYOUT, source + " (IDX)", 0);
            DatasetManifests.write(tmp.resolve(DatasetCatalog.MANIFEST), manifest);
            return new Written(manifest, tmp);
        } catch (IOException | RuntimeException e) {
            ImageImport.deleteTree(tmp);
            throw e;
        }
    }
}
