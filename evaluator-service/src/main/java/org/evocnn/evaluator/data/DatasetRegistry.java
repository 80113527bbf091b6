package org.evocnn.evaluator.data;

import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.FieldException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets of the catalog found in a data directory, each in its own folder with the four IDX files of
 * {@link DatasetCatalog#FILES} (raw or .gz): {@code <dir>/mnist/train-images-idx3-ubyte[.gz]} and so on. A data set is
 * read once and shared by all evaluations; its images must have the shape and classes the catalog gives.
 */
public final class DatasetRegistry {

    private static final List<String> FILES = DatasetCatalog.FILES;

    private final Path dataDir;
    private final Map<String, Dataset> loaded = new ConcurrentHashMap<>();

    public DatasetRegistry(Path dataDir) {
        this.dataDir = dataDir;
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
        if (!dataset.train().shapeMatches(info.input())) {
            throw new DatasetException(files[0] + " holds " + dataset.train().rows() + "x" + dataset.train().cols()
                    + " images, the catalog says " + info.input());
        }
        return dataset;
    }

    private static LabeledImages images(Path imageFile, Path labelFile, int classes) {
        IdxReader.IdxArray images = IdxReader.read(imageFile, 3);
        IdxReader.IdxArray labels = IdxReader.read(labelFile, 1);
        if (images.count() != labels.count()) {
            throw new DatasetException(imageFile + " holds " + images.count() + " images but " + labelFile + " holds "
                    + labels.count() + " labels");
        }
        try {
            return new LabeledImages(images.data(), labels.data(), images.dims()[1], images.dims()[2], classes);
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
