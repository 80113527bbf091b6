package org.evocnn.training.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes unsigned-byte IDX files (to a temporary name first, so a crash never leaves a partial file behind), gzipped
 * when the name ends with {@code .gz}.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream file0 = Files.newOutputStream(tmp);
             OutputStream os = file.getFileName().toString().endsWith(".gz")
                     ? new GZIPOutputStream(file0, 1 << 16) : file0;
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            out.writeInt(0x0800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
