package org.evocnn.tools.data;

import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.training.data.DatasetException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A user's folder of images as an import reads it: one sub-folder per class (or {@code train/} and {@code test/}
 * folders that each have them), image files sorted by name; without train/test, each class split deterministically.
 */
final class ImageFolder {

    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /** One file to import: its class (name and label) and whether it is a test image. */
    record Source(String className, int label, Path file, boolean test) {
    }

    private ImageFolder() {
    }

    /** Whether a folder holds class folders of images (or train/test folders of them), rather than data sets. */
    static boolean looksLikeImages(Path dir) {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(DatasetCatalog.MANIFEST))) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.anyMatch(ImageFolder::isImageName);
        } catch (IOException e) {
            return false;
        }
    }

    /** Class folders (or train/ and test/ with class folders), their image files sorted by name. */
    static List<Source> list(Path source, long seed, double testFraction) throws IOException {
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
                Collections.shuffle(shuffled, new Random(seed * 31 + label));
                int testCount = Math.max(1, (int) Math.round(all.size() * testFraction));
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


    /** What identifies a source and the options applied to it, stored in the manifest. */
    static String fingerprint(Path source, List<Source> files, String options) {
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
        return String.format(Locale.ROOT, "%s (%d files, %d bytes, newest %d; %s)", source, files.size(), bytes,
                newest, options);
    }
}
