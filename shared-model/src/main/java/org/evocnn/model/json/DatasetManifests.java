package org.evocnn.model.json;

import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.data.DatasetManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading, writing and registering users' data-set manifests ({@link DatasetCatalog#MANIFEST}). */
public final class DatasetManifests {

    /** What a data directory held: the data sets registered, and one line per manifest that could not be. */
    public record Registered(List<DatasetInfo> datasets, List<String> problems) {
    }

    private DatasetManifests() {
    }

    /** @throws InvalidJsonException naming the field at fault; UncheckedIOException when unreadable */
    public static DatasetManifest read(Path file) {
        try {
            return ModelJson.read(Files.readString(file), DatasetManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, DatasetManifest manifest) throws IOException {
        Files.writeString(file, ModelJson.writePretty(manifest) + "\n");
    }

    /**
     * Registers every {@code <dataDir>/<id>/dataset.json} in the catalog. A manifest that does not read, or whose id
     * is not its folder's name or a built-in one, is reported and skipped; a missing directory holds nothing.
     */
    public static Registered registerAll(Path dataDir) {
        List<DatasetInfo> registered = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (dataDir == null || !Files.isDirectory(dataDir)) {
            return new Registered(registered, problems);
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path folder : folders) {
                Path file = folder.resolve(DatasetCatalog.MANIFEST);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    DatasetManifest manifest = read(file);
                    if (!manifest.id().equals(folder.getFileName().toString())) {
                        problems.add(file + ": id '" + manifest.id() + "' is not its folder's name");
                        continue;
                    }
                    DatasetCatalog.register(manifest.info());
                    registered.add(manifest.info());
                } catch (RuntimeException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(dataDir + ": " + e.getMessage());
        }
        return new Registered(registered, problems);
    }
}
