package org.evocnn.model.data;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * The data sets evocnn knows, defined once for the run specification, the evaluators and the tools: the built-in ones
 * and users' own, registered from their manifests ({@link #MANIFEST}) when a service or evaluator starts. Each is
 * stored in an evaluator's data directory as {@code <dataDir>/<id>/} with the four IDX files named by {@link #FILES}.
 */
public final class DatasetCatalog {

    /** Training images and labels, then test images and labels (raw or gzipped, {@code .gz}). */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    public static final DatasetInfo MNIST = new DatasetInfo("mnist", InputShape.MNIST, 10, 60_000, 10_000);
    /** Fashion-MNIST with the project's stratified 60,000 / 10,000 split (scripts/fetch-data). */
    public static final DatasetInfo FASHION_MNIST = new DatasetInfo("fashion-mnist", InputShape.MNIST, 10, 60_000,
            10_000);

    /** The classes of the built-in data sets, by label (Fashion-MNIST's as its authors name them). */
    private static final Map<String, List<String>> BUILT_IN_CLASS_NAMES = Map.of(
            "mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "fashion-mnist", List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                    "Sneaker", "Bag", "Ankle boot"));

    /** The file that describes a user's data set in its folder (written by the data tool's import). */
    public static final String MANIFEST = "dataset.json";

    private static final List<DatasetInfo> BUILT_IN = List.of(MNIST, FASHION_MNIST);
    private static final Map<String, DatasetInfo> REGISTERED = new ConcurrentSkipListMap<>();

    private DatasetCatalog() {
    }

    /** The class names of a built-in data set; empty for users' (their manifests hold theirs). */
    public static Optional<List<String>> builtInClassNames(String id) {
        return Optional.ofNullable(BUILT_IN_CLASS_NAMES.get(id));
    }

    /** The data sets scripts/fetch-data provides. */
    public static List<DatasetInfo> builtIn() {
        return BUILT_IN;
    }

    /** Built-in and registered data sets, built-in first. */
    public static List<DatasetInfo> all() {
        List<DatasetInfo> all = new ArrayList<>(BUILT_IN);
        all.addAll(REGISTERED.values());
        return List.copyOf(all);
    }

    /**
     * Makes a user's data set known (again: a re-imported data set replaces its entry).
     *
     * @throws FieldException when it would shadow a built-in data set
     */
    public static void register(DatasetInfo info) {
        if (BUILT_IN.stream().anyMatch(d -> d.id().equals(info.id()))) {
            throw new FieldException("id", "'" + info.id() + "' is a built-in data set");
        }
        REGISTERED.put(info.id(), info);
    }

    public static Optional<DatasetInfo> find(String id) {
        Optional<DatasetInfo> builtIn = BUILT_IN.stream().filter(d -> d.id().equals(id)).findFirst();
        return builtIn.isPresent() ? builtIn : Optional.ofNullable(id == null ? null : REGISTERED.get(id));
    }

    /** @throws FieldException naming the known ids */
    public static DatasetInfo get(String id) {
        return find(id).orElseThrow(() -> new FieldException("dataset", "unknown data set '" + id + "', known: "
                + all().stream().map(DatasetInfo::id).collect(Collectors.joining(", "))));
    }
}
