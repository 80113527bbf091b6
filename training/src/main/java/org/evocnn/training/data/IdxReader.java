package org.evocnn.training.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the MNIST format), raw or gzip-compressed (detected by content, not name). The magic
 * number, the number of dimensions and the data length are checked; any mismatch names the file.
 */
public final class IdxReader {

    /** An IDX array of unsigned bytes: its dimensions and data, row-major. */
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    private IdxReader() {
    }

    /** Reads an array of {@code expectedDims} dimensions (1 for labels, 3 for images). */
    public static IdxArray read(Path file, int expectedDims) {
        return read(file, expectedDims, expectedDims);
    }

    /** Reads images: n x h x w (grey-scale) or n x c x h x w (channel by channel). */
    public static IdxArray readImages(Path file) {
        return read(file, 3, 4);
    }

    private static IdxArray read(Path file, int minDims, int maxDims) {
        int expectedDims = minDims;
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic = data.readInt();
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08) {
                throw new DatasetException(String.format("%s: not an unsigned-byte IDX file (magic 0x%08x, expected 0x%08x)",
                        file, magic, 0x0800 | expectedDims));
            }
            if (dims < minDims || dims > maxDims) {
                throw new DatasetException(file + ": has " + dims + " dimensions, expected " + expectedDims
                        + (maxDims > minDims ? " or " + maxDims : ""));
            }
            int[] shape = new int[dims];
            long length = 1;
            for (int i = 0; i < dims; i++) {
                shape[i] = data.readInt();
                if (shape[i] <= 0) {
                    throw new DatasetException(file + ": dimension " + i + " is " + shape[i]);
                }
                length *= shape[i];
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new DatasetException(file + ": " + length + " values are too many");
            }
            byte[] values = new byte[(int) length];
            try {
                data.readFully(values);
            } catch (EOFException e) {
                throw new DatasetException(file + ": truncated, header promises " + length + " values", e);
            }
            if (data.read() != -1) {
                throw new DatasetException(file + ": longer than its header's " + length + " values");
            }
            return new IdxArray(shape, values);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
