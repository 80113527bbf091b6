package org.evocnn.evaluator.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets of a data directory, each in its own folder with the four standard IDX files (raw or .gz):
 * {@code <dir>/mnist/train-images-idx3-ubyte[.gz]} and so on. A data set is read once and shared by all evaluations.
 */
public final class DatasetRegistry {

    /** Data sets the fetch command provides. */
    public static final List<String> KNOWN = List.of("mnist", "fashion-mnist");
    static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final int CLASSES = 10;

    private final Path dataDir;
    private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();

    public DatasetRegistry(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The data set, loaded on first use. @throws DatasetException when missing or unreadable */
    public Dataset get(String id) {
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new DatasetException("data set id '" + id + "' is not a plain name");
        }
        return loaded.computeIfAbsent(id, this::load);
    }

    /** Training-set size of a data set already loaded, else -1 (nothing is read). */
    public int loadedTrainSize(String id) {
        Dataset d = loaded.get(id);
        return d == null ? -1 : d.train().size();
    }

    /** Whether all four files of a data set are present (without reading them). */
    public boolean isPresent(String id) {
        for (String name : FILES) {
            if (find(id, name) == null) {
                return false;
            }
        }
        return true;
    }

    private Dataset load(String id) {
        Path[] files = new Path[FILES.length];
        for (int i = 0; i < FILES.length; i++) {
            files[i] = find(id, FILES[i]);
            if (files[i] == null) {
                throw new DatasetException("data set '" + id + "' is missing " + dataDir.resolve(id).resolve(FILES[i])
                        + "[.gz]; run scripts/fetch-data or set evocnn.evaluator.data-dir");
            }
        }
        return new Dataset(id, images(files[0], files[1]), images(files[2], files[3]));
    }

    private static LabeledImages images(Path imageFile, Path labelFile) {
        IdxReader.IdxArray images = IdxReader.read(imageFile, 3);
        IdxReader.IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new DatasetException(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.count() + " labels");
        }
        try {
            return new LabeledImages(images.data(), labels.data(), images.dims()[1], images.dims()[2], CLASSES);
        } catch (DatasetException e) {
            throw new DatasetException(labelFile + ": " + e.getMessage(), e);
        }
    }

    private Path find(String id, String name) {
        Path raw = dataDir.resolve(id).resolve(name);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        Path gz = dataDir.resolve(id).resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }
}
