package org.evocnn.training.data;

import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.json.DatasetManifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets of the catalog found in a data directory, each in its own folder with the four IDX files of
 * {@link DatasetCatalog#FILES} (raw or .gz): {@code <dir>/mnist/train-images-idx3-ubyte[.gz]} and so on. A data set is
 * read once and shared by all evaluations; its images must have the shape and classes the catalog gives. Users' data
 * sets in the directory (a folder with a {@code dataset.json} manifest, written by the data tool) are registered in
 * the catalog when the registry is made.
 */
public final class DatasetRegistry {

    private static final List<String> FILES = DatasetCatalog.FILES;

    private static final System.Logger LOG = System.getLogger(DatasetRegistry.class.getName());

    private final Path dataDir;
    private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();

    public DatasetRegistry(Path dataDir) {
        this.dataDir = dataDir;
        DatasetManifests.Registered users = DatasetManifests.registerAll(dataDir);
        users.datasets().forEach(d -> LOG.log(System.Logger.Level.INFO, "data set {0}: {1}, {2} classes, {3} / {4} "
                + "images (from {5})", d.id(), d.input(), d.classes(), d.trainSize(), d.testSize(), dataDir));
        users.problems().forEach(p -> LOG.log(System.Logger.Level.WARNING, "data set not registered: {0}", p));
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The data set, loaded on first use. @throws DatasetException when unknown, missing or unreadable */
    public Dataset get(String id) {
        return loaded.computeIfAbsent(id, this::load);
    }

    /** The catalog's entry for a data set. @throws DatasetException when it has none */
    public static DatasetInfo info(String id) {
        try {
            return DatasetCatalog.get(id);
        } catch (FieldException e) {
            throw new DatasetException(e.problem());
        }
    }

    /**
     * The names of a data set's classes, by label: the built-in ones', a user's from its manifest, else the labels
     * themselves ({@code 0} to {@code classes - 1}).
     */
    public List<String> classNames(String id) {
        DatasetInfo info = info(id);
        return DatasetCatalog.builtInClassNames(id).orElseGet(() -> {
            Path manifest = dataDir.resolve(id).resolve(DatasetCatalog.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                try {
                    return DatasetManifests.read(manifest).classNames();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "class names of {0} unreadable: {1}", id, e.getMessage());
                }
            }
            return java.util.stream.IntStream.range(0, info.classes()).mapToObj(Integer::toString).toList();
        });
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
        DatasetInfo info = info(id);
        Path[] files = new Path[FILES.size()];
        for (int i = 0; i < FILES.size(); i++) {
            files[i] = find(id, FILES.get(i));
            if (files[i] == null) {
                throw new DatasetException("data set '" + id + "' is missing " + dataDir.resolve(id).resolve(FILES.get(i))
                        + "[.gz]; run scripts/fetch-data or set evocnn.evaluator.data-dir");
            }
        }
        Dataset dataset = new Dataset(info, images(files[0], files[1], info.classes()),
                images(files[2], files[3], info.classes()));
        for (LabeledImages part : List.of(dataset.train(), dataset.test())) {
            if (!part.shapeMatches(info.input())) {
                throw new DatasetException(dataDir.resolve(id) + " holds " + part.rows() + "x" + part.cols() + "x"
                        + part.channels() + " images, the catalog says " + info.input());
            }
        }
        return dataset;
    }

    private static LabeledImages images(Path imageFile, Path labelFile, int classes) {
        IdxReader.IdxArray images = IdxReader.readImages(imageFile);
        IdxReader.IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new DatasetException(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.count() + " labels");
        }
        try {
            int[] d = images.dims();
            return d.length == 3 ? new LabeledImages(images.data(), labels.data(), d[1], d[2], classes)
                    : new LabeledImages(images.data(), labels.data(), d[2], d[3], d[1], classes);
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
