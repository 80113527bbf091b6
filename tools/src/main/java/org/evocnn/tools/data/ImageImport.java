package org.evocnn.tools.data;

import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.IdxWriter;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetManifest;
import org.evocnn.model.json.DatasetManifests;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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

    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /**
     * @param shape          the images' shape after import; null: from the images (median size, capped, colour if
     *                       any image has colour)
     * @param testFraction   share of each class held out for testing when the source has no {@code test/} folder
     * @param maxSkipped     largest share of the source's files that may be unreadable (they are skipped and counted)
     */
    public record Options(Path source, Path dataDir, String id, InputShape shape, double testFraction, int maxSide,
                          double maxSkipped, long seed) {

        public Options {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("--test-fraction must be between 0 and 1, not " + testFraction);
            }
            if (maxSide < 4) {
                throw new IllegalArgumentException("--max-side must be at least 4");
            }
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

    private record Source(String className, int label, Path file, boolean test) {
    }

    private ImageImport() {
    }

    /** Whether a folder holds class folders of images (or train/test folders of them), rather than data sets. */
    public static boolean looksLikeImageFolder(Path dir) {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(DatasetCatalog.MANIFEST))) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.anyMatch(ImageImport::isImageName);
        } catch (IOException e) {
            return false;
        }
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
        List<Source> files = list(source, o);
        String fingerprint = fingerprint(source, files, o);
        if (Files.isRegularFile(target.resolve(DatasetCatalog.MANIFEST))) {
            DatasetManifest existing = DatasetManifests.read(target.resolve(DatasetCatalog.MANIFEST));
            if (existing.source().equals(fingerprint)) {
                DatasetCatalog.register(existing.info());
                return new Summary(existing, target, existing.skipped(), 0, true);
            }
        }
        // sizes first (headers only), then decode and resize in parallel
        int[][] sizes = files.parallelStream().map(ImageImport::size).toArray(int[][]::new);
        List<Integer> readable = IntStream.range(0, files.size()).filter(i -> sizes[i] != null).boxed().toList();
        int skipped = files.size() - readable.size();
        if (skipped > o.maxSkipped() * files.size()) {
            List<String> examples = IntStream.range(0, files.size()).filter(i -> sizes[i] == null).limit(3)
                    .mapToObj(i -> files.get(i).file().toString()).toList();
            throw new DatasetException(String.format(Locale.ROOT, "%d of %d files are not readable images (more than "
                    + "%.0f %%), e.g. %s", skipped, files.size(), o.maxSkipped() * 100, examples));
        }
        List<String> classes = files.stream().map(Source::className).distinct().toList();
        for (String c : classes) {
            if (readable.stream().noneMatch(i -> files.get(i).className().equals(c))) {
                throw new DatasetException("class '" + c + "' has no readable images");
            }
        }
        InputShape shape = o.shape() != null ? o.shape() : shapeOf(readable.stream().map(i -> sizes[i]).toList(),
                readable.parallelStream().anyMatch(i -> isColour(files.get(i).file())), o.maxSide());
        int pixels = shape.height() * shape.width() * shape.channels();
        byte[][] images = new byte[files.size()][];
        readable.parallelStream().forEach(i -> images[i] = pixels(files.get(i).file(), shape));
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

    /** Class folders (or train/ and test/ with class folders), their image files sorted by name. */
    private static List<Source> list(Path source, Options o) throws IOException {
        Path trainDir = source.resolve("train");
        Path testDir = source.resolve("test");
        boolean split = Files.isDirectory(trainDir) && Files.isDirectory(testDir);
        List<String> classes = classFolders(split ? trainDir : source);
        if (classes.isEmpty()) {
            throw new DatasetException(source + ": no class folders (one sub-folder of images per class, or train/ "
                    + "and test/ folders holding them)");
        }
        if (classes.size() < 2) {
            throw new DatasetException(source + ": only one class ('" + classes.get(0) + "'); a classifier needs two "
                    + "or more");
        }
        if (classes.size() > 256) {
            throw new DatasetException(source + ": " + classes.size() + " classes, at most 256 are supported");
        }
        if (split && !classFolders(testDir).equals(classes)) {
            throw new DatasetException(testDir + ": its class folders " + classFolders(testDir) + " differ from "
                    + trainDir + "'s " + classes);
        }
        List<Source> files = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            String c = classes.get(label);
            if (split) {
                files.addAll(filesOf(trainDir.resolve(c), c, label, false));
                files.addAll(filesOf(testDir.resolve(c), c, label, true));
            } else {
                List<Path> all = regularFiles(source.resolve(c));
                if (all.isEmpty()) {
                    throw new DatasetException(source.resolve(c) + ": empty class folder");
                }
                List<Path> shuffled = new ArrayList<>(all);
                Collections.shuffle(shuffled, new Random(o.seed() * 31 + label));
                int testCount = Math.max(1, (int) Math.round(all.size() * o.testFraction()));
                if (all.size() < 2) {
                    throw new DatasetException(source.resolve(c) + ": one image cannot be both trained and tested on");
                }
                for (int i = 0; i < shuffled.size(); i++) {
                    files.add(new Source(c, label, shuffled.get(i), i < testCount));
                }
            }
        }
        return files;
    }

    private static List<Source> filesOf(Path folder, String c, int label, boolean test) throws IOException {
        List<Path> all = regularFiles(folder);
        if (all.isEmpty()) {
            throw new DatasetException(folder + ": empty class folder");
        }
        return all.stream().map(f -> new Source(c, label, f, test)).toList();
    }

    private static List<String> classFolders(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** Height and width from the file's header, or null when it is not an image ImageIO reads. */
    static int[] size(Source s) {
        try (ImageInputStream in = ImageIO.createImageInputStream(s.file().toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getHeight(0), reader.getWidth(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isColour(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            return image != null && image.getColorModel().getNumColorComponents() >= 3 && !isGrey(image);
        } catch (IOException e) {
            return false;
        }
    }

    /** A colour-typed image whose pixels are all grey (common for scans saved as RGB). */
    private static boolean isGrey(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y += Math.max(1, image.getHeight() / 16)) {
            for (int x = 0; x < image.getWidth(); x += Math.max(1, image.getWidth() / 16)) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r != g || g != b) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The median height and width, scaled down (keeping their ratio) so that neither exceeds {@code maxSide}. */
    static InputShape shapeOf(List<int[]> sizes, boolean colour, int maxSide) {
        int[] heights = sizes.stream().mapToInt(s -> s[0]).sorted().toArray();
        int[] widths = sizes.stream().mapToInt(s -> s[1]).sorted().toArray();
        double h = heights[heights.length / 2];
        double w = widths[widths.length / 2];
        double scale = Math.min(1, maxSide / Math.max(h, w));
        return new InputShape(Math.max(1, (int) Math.round(h * scale)), Math.max(1, (int) Math.round(w * scale)),
                colour ? 3 : 1);
    }

    /** The image resized (bilinear) to the shape, channel by channel; null when it cannot be decoded. */
    static byte[] pixels(Path file, InputShape shape) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            return null;
        }
        if (image == null) {
            return null;
        }
        int h = shape.height();
        int w = shape.width();
        BufferedImage scaled = new BufferedImage(w, h, shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        byte[] out = new byte[h * w * shape.channels()];
        if (shape.channels() == 1) {
            scaled.getRaster().getDataElements(0, 0, w, h, out);
            return out;
        }
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int i = y * w + x;
                out[i] = (byte) (rgb >> 16);
                out[plane + i] = (byte) (rgb >> 8);
                out[2 * plane + i] = (byte) rgb;
            }
        }
        return out;
    }

    /** Indices in a deterministic shuffled order, so training batches mix the classes. */
    private static List<Integer> ordered(List<Integer> indices, long seed) {
        List<Integer> order = new ArrayList<>(indices);
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    private static void write(Path dir, String prefix, List<Integer> order, List<Source> files, byte[][] images,
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

    /** What identifies a source and the options applied to it, stored in the manifest. */
    private static String fingerprint(Path source, List<Source> files, Options o) {
        long bytes = 0;
        long newest = 0;
        for (Source s : files) {
            try {
                bytes += Files.size(s.file());
                newest = Math.max(newest, Files.getLastModifiedTime(s.file()).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.format(Locale.ROOT, "%s (%d files, %d bytes, newest %d; shape %s, max side %d, test %.3f, "
                        + "seed %d)", source, files.size(), bytes, newest, o.shape() == null ? "auto" : o.shape(),
                o.maxSide(), o.testFraction(), o.seed());
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
