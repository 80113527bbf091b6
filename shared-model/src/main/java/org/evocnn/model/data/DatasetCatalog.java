package org.evocnn.model.data;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The data sets evocnn knows, defined once for the run specification, the evaluators and the tools. Each is stored in
 * an evaluator's data directory as {@code <dataDir>/<id>/} with the four IDX files named by {@link #FILES}.
 */
public final class DatasetCatalog {

    /** Training images and labels, then test images and labels (raw or gzipped, {@code .gz}). */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    public static final DatasetInfo MNIST = new DatasetInfo("mnist", InputShape.MNIST, 10, 60_000, 10_000);
    /** Fashion-MNIST with the project's stratified 60,000 / 10,000 split (scripts/fetch-data). */
    public static final DatasetInfo FASHION_MNIST = new DatasetInfo("fashion-mnist", InputShape.MNIST, 10, 60_000,
            10_000);

    private static final List<DatasetInfo> BUILT_IN = List.of(MNIST, FASHION_MNIST);

    private DatasetCatalog() {
    }

    /** The data sets scripts/fetch-data provides. */
    public static List<DatasetInfo> builtIn() {
        return BUILT_IN;
    }

    public static Optional<DatasetInfo> find(String id) {
        return BUILT_IN.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** @throws FieldException naming the known ids */
    public static DatasetInfo get(String id) {
        return find(id).orElseThrow(() -> new FieldException("dataset", "unknown data set '" + id + "', known: "
                + BUILT_IN.stream().map(DatasetInfo::id).collect(Collectors.joining(", "))));
    }
}
