package org.evocnn.training.data;

import org.evocnn.model.data.DatasetCatalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private static byte[] images(int count, int rows, int cols, int extra) {
        byte[] bytes = new byte[16 + count * rows * cols + extra];
        bytes[2] = 0x08;
        bytes[3] = 0x03;
        bytes[7] = (byte) count;
        bytes[11] = (byte) rows;
        bytes[15] = (byte) cols;
        for (int i = 16; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void readsRawAndGzipFilesAlike() throws IOException {
        IdxReader.IdxArray raw = IdxReader.read(write("a", images(3, 2, 2, 0), false), 3);
        IdxReader.IdxArray gz = IdxReader.read(write("a.gz", images(3, 2, 2, 0), true), 3);

        assertThat(raw.dims()).containsExactly(3, 2, 2);
        assertThat(raw.data()).hasSize(12).containsExactly(gz.data());
        assertThat(raw.data()[0]).isEqualTo((byte) 16);
    }

    @Test
    void truncatedFileNamesTheFile() throws IOException {
        byte[] full = images(3, 2, 2, 0);
        Path file = write("short", Arrays.copyOf(full, full.length - 1), false);
        assertThatThrownBy(() -> IdxReader.read(file, 3))
                .isInstanceOf(DatasetException.class)
                .hasMessage(file + ": truncated, header promises 12 values");
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path file = write("long.gz", images(3, 2, 2, 5), true);
        assertThatThrownBy(() -> IdxReader.read(file, 3)).hasMessage(file + ": longer than its header's 12 values");
    }

    @Test
    void wrongMagicOrDimensionsAreErrors() throws IOException {
        byte[] bytes = images(3, 2, 2, 0);
        bytes[2] = 0x0D; // float data
        Path floats = write("floats", bytes, false);
        assertThatThrownBy(() -> IdxReader.read(floats, 3))
                .hasMessage(floats + ": not an unsigned-byte IDX file (magic 0x00000d03, expected 0x00000803)");

        Path images = write("images", images(3, 2, 2, 0), false);
        assertThatThrownBy(() -> IdxReader.read(images, 1)).hasMessage(images + ": has 3 dimensions, expected 1");

        Path text = write("text", "hello, world, not idx".getBytes(), false);
        assertThatThrownBy(() -> IdxReader.read(text, 3)).hasMessageStartingWith(text + ": not an unsigned-byte IDX file");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.read(missing, 1)).hasMessage(missing + ": no such file");
    }

    @Test
    void registryNamesTheMissingFileAndTheFetchCommand() {
        DatasetRegistry registry = new DatasetRegistry(dir);
        assertThat(registry.isPresent("mnist")).isFalse();
        assertThatThrownBy(() -> registry.get("mnist"))
                .hasMessageContaining(dir.resolve("mnist").resolve("train-images-idx3-ubyte") + "[.gz]")
                .hasMessageContaining("scripts/fetch-data");
        assertThatThrownBy(() -> registry.get("../etc")).hasMessageStartingWith("unknown data set '../etc', known: mnist, fashion-mnist");
    }

    @Test
    void registryLoadsTheFixtureOnceAndChecksLabelCounts() throws IOException {
        DatasetRegistry registry = Fixture.registry();
        Dataset first = registry.get("mnist");

        assertThat(registry.get("mnist")).isSameAs(first);
        assertThat(first.train().size()).isEqualTo(Fixture.TRAIN);
        assertThat(first.test().size()).isEqualTo(Fixture.TEST);
        assertThat(first.inputShape().toString()).isEqualTo("28x28x1");

        Path broken = dir.resolve("mnist"); // a data set of the catalog whose files disagree
        Files.createDirectories(broken);
        for (String name : DatasetCatalog.FILES) {
            Files.copy(Fixture.DIR.resolve("mnist").resolve(name + ".gz"), broken.resolve(name + ".gz"));
        }
        Files.copy(Fixture.DIR.resolve("mnist").resolve("t10k-labels-idx1-ubyte.gz"),
                broken.resolve("train-labels-idx1-ubyte.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> new DatasetRegistry(dir).get("mnist"))
                .hasMessageContaining("holds " + Fixture.TRAIN + " images but")
                .hasMessageContaining(Fixture.TEST + " labels");
    }
}
