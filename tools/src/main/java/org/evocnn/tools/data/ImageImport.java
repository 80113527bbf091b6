package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.IdxWriter;
import org.evocnn.training.data.Images;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.data.DatasetManifest;
import org.evocnn.model.json.DatasetManifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Turns a user's images into a data set evocnn can evolve for: a folder with one sub-folder per class (or
 * {@code train/} and {@code test/} folders that each have them), PNG, JPEG, BMP or GIF files of any size, grey or
 * colour; or a folder with the four IDX files. Images are resized to one shape (default: the median height and width,
 * scaled down to at most {@code maxSide}), keep their colour channels, and are split into training and test sets
 * (stratified, deterministic) unless the source is split already. The result, {@code <dataDir>/<id>/} with IDX files
 * and a {@code dataset.json} manifest, is written under a temporary name and moved into place at the end, so a failure
 * leaves nothing half-written; importing the same source again with the same options reuses it.
 */
public final class ImageImport {

    /** Largest side of an imported image: evocnn's networks are small, and its images are held in memory. */
    static final int MAX_SIDE = InputShape.MAX_SIDE;

    /**
     * @param shape          the images' shape after import; null: from the images (median size, capped, colour if
     *                       any image has colour)
     * @param testFraction   share of each class held out for testing when the source has no {@code test/} folder
     * @param maxSkipped     largest share of the source's files that may be unreadable (they are skipped and counted)
     * @param replace        whether a data set of the same id imported from another source may be replaced
     */
    public record Options(Path source, Path dataDir, String id, InputShape shape, double testFraction, int maxSide,
                          double maxSkipped, long seed, boolean replace) {

        public Options {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("--test-fraction must be between 0 and 1, not " + testFraction);
            }
            if (maxSide < 4 || maxSide > MAX_SIDE) {
                throw new IllegalArgumentException("--max-side must be 4.." + MAX_SIDE + ", not " + maxSide);
            }
            if (!(maxSkipped >= 0 && maxSkipped <= 1)) {
                throw new IllegalArgumentException("--max-skipped is a share of the files, 0..1, not " + maxSkipped);
            }
            if (id != null && !id.matches(DatasetInfo.ID_PATTERN)) {
                throw new IllegalArgumentException("--id must be a plain name (lower-case letters, digits, . _ -, "
                        + "starting with a letter or digit), not '" + id + "'");
            }
            if (shape != null && (shape.height() > MAX_SIDE || shape.width() > MAX_SIDE || shape.channels() > 3)) {
                throw new IllegalArgumentException("--shape " + shape + ": sides are at most " + MAX_SIDE
                        + " and channels 1 (grey) or 3 (colour)");
            }
        }

        public Options(Path source, Path dataDir, String id, InputShape shape, double testFraction, int maxSide,
                       double maxSkipped, long seed) {
            this(source, dataDir, id, shape, testFraction, maxSide, maxSkipped, seed, false);
        }

        public static Options of(Path source, Path dataDir) {
            return new Options(source, dataDir, null, null, 0.2, 64, 0.1, 0);
        }

        /** The id given, or the source folder's name made plain. */
        String datasetId() {
            if (id != null) {
                return id;
            }
            String name = source.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
            return name.isEmpty() ? "images" : name;
        }
    }

    /** What an import did. */
    public record Summary(DatasetManifest manifest, Path folder, int skipped, double seconds, boolean reused) {

        public String describe() {
            DatasetManifest m = manifest;
            return String.format(Locale.ROOT, "%s: %s, %d classes (%s), %d training and %d test images%s, in %s%s",
                    m.id(), m.input(), m.classes(), String.join(", ", m.classNames()), m.trainSize(), m.testSize(),
                    skipped > 0 ? ", " + skipped + " unreadable files skipped" : "", folder,
                    reused ? " (already imported from the same source: nothing written)"
                            : String.format(Locale.ROOT, " (%.1f s, %.0f images/s)", seconds,
                            (m.trainSize() + m.testSize()) / Math.max(1e-9, seconds)));
        }
    }

    private ImageImport() {
    }

    /** Whether a folder holds class folders of images (or train/test folders of them), rather than data sets. */
    public static boolean looksLikeImageFolder(Path dir) {
        return ImageFolder.looksLikeImages(dir);
    }

    /**
     * Imports a source into the data directory and registers it in the catalog.
     *
     * @throws DatasetException saying what is wrong with the source (nothing is written then)
     */
    public static Summary run(Options o) throws IOException {
        long start = System.nanoTime();
        Path source = o.source().toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new DatasetException(source + ": no such folder");
        }
        String id = o.datasetId();
        Path target = o.dataDir().resolve(id);
        if (DatasetCatalog.builtIn().stream().anyMatch(d -> d.id().equals(id))) {
            throw new DatasetException("'" + id + "' is a built-in data set; choose another --id");
        }
        if (IdxImport.isIdxFolder(source)) {
            IdxImport.Written idx = IdxImport.run(source, id, o.dataDir());
            return finish(idx.manifest(), target, 0, start, idx.folder());
        }
        List<ImageFolder.Source> files = ImageFolder.list(source, o.seed(), o.testFraction());
        String fingerprint = ImageFolder.fingerprint(source, files, String.format(Locale.ROOT,
                "shape %s, max side %d, test %.3f, seed %d", o.shape() == null ? "auto" : o.shape(), o.maxSide(),
                o.testFraction(), o.seed()));
        if (Files.isRegularFile(target.resolve(DatasetCatalog.MANIFEST))) {
            DatasetManifest existing = DatasetManifests.read(target.resolve(DatasetCatalog.MANIFEST));
            if (existing.source().equals(fingerprint)) {
                DatasetCatalog.register(existing.info());
                return new Summary(existing, target, existing.skipped(), 0, true);
            }
            if (!o.replace()) {
                throw new DatasetException("a data set '" + id + "' exists already, imported from " + existing.source()
                        + ": choose another --id, or --replace it");
            }
        }
        // sizes first (headers only), then decode and resize in parallel
        int[][] sizes = files.parallelStream().map(f -> Images.size(f.file())).toArray(int[][]::new);
        List<Integer> readable = IntStream.range(0, files.size()).filter(i -> sizes[i] != null).boxed().toList();
        int skipped = files.size() - readable.size();
        if (skipped > o.maxSkipped() * files.size()) {
            List<String> examples = IntStream.range(0, files.size()).filter(i -> sizes[i] == null).limit(3)
                    .mapToObj(i -> files.get(i).file().toString()).toList();
            throw new DatasetException(String.format(Locale.ROOT, "%d of %d files are not readable images (more than "
                    + "%.0f %%), e.g. %s", skipped, files.size(), o.maxSkipped() * 100, examples));
        }
        List<String> classes = files.stream().map(ImageFolder.Source::className).distinct().toList();
        for (String c : classes) {
            if (readable.stream().noneMatch(i -> files.get(i).className().equals(c))) {
                throw new DatasetException("class '" + c + "' has no readable images");
            }
        }
        InputShape shape = o.shape() != null ? o.shape() : Images.shapeOf(readable.stream().map(i -> sizes[i])
                .toList(), readable.parallelStream().anyMatch(i -> Images.isColour(files.get(i).file())), o.maxSide());
        int pixels = shape.height() * shape.width() * shape.channels();
        long needed = (long) readable.size() * pixels;
        long available = Runtime.getRuntime().maxMemory() / 3; // the images, then a training and a test copy
        if (needed > available || needed > Integer.MAX_VALUE - 8) {
            throw new DatasetException(String.format(Locale.ROOT, "%,d images of %s need %,d MiB in memory, more "
                    + "than this import can hold (%,d MiB): choose a smaller --shape or --max-side", readable.size(),
                    shape, needed >> 20, Math.min(available, Integer.MAX_VALUE) >> 20));
        }
        byte[][] images = new byte[files.size()][];
        readable.parallelStream().forEach(i -> images[i] = Images.pixels(files.get(i).file(), shape));
        List<Integer> ok = readable.stream().filter(i -> images[i] != null).toList();
        skipped = files.size() - ok.size();
        List<Integer> train = ordered(ok.stream().filter(i -> !files.get(i).test()).toList(), o.seed());
        List<Integer> test = ordered(ok.stream().filter(i -> files.get(i).test()).toList(), o.seed() + 1);
        if (train.isEmpty() || test.isEmpty()) {
            throw new DatasetException("need images for both training and testing: " + train.size() + " and "
                    + test.size());
        }
        Path tmp = Files.createTempDirectory(Files.createDirectories(o.dataDir()), ".import-" + id + "-");
        try {
            write(tmp, "train", train, files, images, shape, pixels);
            write(tmp, "t10k", test, files, images, shape, pixels);
            DatasetManifest manifest = new DatasetManifest(DatasetManifest.SCHEMA_VERSION, id, shape, classes.size(),
                    classes, train.size(), test.size(), DatasetManifest.LAYOUT, fingerprint, skipped);
            DatasetManifests.write(tmp.resolve(DatasetCatalog.MANIFEST), manifest);
            return finish(manifest, target, skipped, start, tmp);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static Summary finish(DatasetManifest manifest, Path target, int skipped, long start, Path written)
            throws IOException {
        try { // a temporary directory is private; evaluators running as other users read the data set
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
        if (Files.exists(target)) {
            Path old = target.resolveSibling("." + target.getFileName() + ".replaced-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
        }
        DatasetCatalog.register(manifest.info());
        return new Summary(manifest, target, skipped, (System.nanoTime() - start) / 1e9, false);
    }

    /** Indices in a deterministic shuffled order, so training batches mix the classes. */
    private static List<Integer> ordered(List<Integer> indices, long seed) {
        List<Integer> order = new ArrayList<>(indices);
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    private static void write(Path dir, String prefix, List<Integer> order, List<ImageFolder.Source> files, byte[][] images,
                              InputShape shape, int pixels) throws IOException {
        byte[] data = new byte[order.size() * pixels];
        byte[] labels = new byte[order.size()];
        for (int k = 0; k < order.size(); k++) {
            System.arraycopy(images[order.get(k)], 0, data, k * pixels, pixels);
            labels[k] = (byte) files.get(order.get(k)).label();
        }
        int[] dims = shape.channels() == 1 ? new int[] {order.size(), shape.height(), shape.width()}
                : new int[] {order.size(), shape.channels(), shape.height(), shape.width()};
        IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), dims, data);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {order.size()}, labels);
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Collections.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temporary folder starts with a dot and is ignored
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
