package org.evocnn.evolution.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import org.evocnn.model.json.ModelJson;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's append-only journal: one JSON entry per line. {@link #append} forces its entries to disk before it returns,
 * so a fact that was acted on survives a crash; a batch of entries shares one force. A last line without its newline
 * is a torn write (a crash mid-write) and is cut off, with a warning, before appending; any other unreadable line is
 * damage, which {@link #load} reports with the good prefix before it instead of failing.
 */
public final class RunJournal implements Closeable {

    private static final ObjectMapper MAPPER = ModelJson.mapper();

    /** Where a journal stops being readable: 1-based line, the byte offset the line starts at, and why. */
    public record Damage(int line, long offset, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason;
        }
    }

    /**
     * What a journal holds: every entry before the first damaged line (all of them when there is none), how many
     * bytes those lines take, and the damage, if any.
     */
    public record Contents(List<JournalEntry> entries, long goodLength, Optional<Damage> damage) {
    }

    private final Path file;
    private final FileChannel channel;

    private RunJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if needed) a journal for appending; a torn last line is cut off first, with a warning. */
    public static RunJournal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        long size = channel.size();
        long complete = completeLength(file);
        if (complete < size) {
            Log.warnf("journal %s: cut a torn last line of %d bytes (a crash during a write)", file, size - complete);
            channel.truncate(complete);
        }
        channel.position(complete);
        return new RunJournal(file, channel);
    }

    public Path file() {
        return file;
    }

    /** Writes one entry and forces it to disk. */
    public void append(JournalEntry entry) {
        append(List.of(entry));
    }

    /** Writes entries in order and forces them to disk once. */
    public void append(List<? extends JournalEntry> entries) {
        append(entries, true);
    }

    /**
     * Writes entries in order; with {@code force} false they reach the disk with the next forced append (or the
     * operating system's write-back), for facts whose loss in a machine crash only repeats work.
     */
    public synchronized void append(List<? extends JournalEntry> entries, boolean force) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            StringBuilder lines = new StringBuilder();
            for (JournalEntry entry : entries) {
                lines.append(MAPPER.writeValueAsString(entry)).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(false);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal entries always serialize", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /**
     * Reads a journal without failing on its content: the entries up to the first unreadable complete line, and
     * that line as damage. A torn last line is not damage (it is what a crash during a write leaves).
     */
    public static Contents load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<JournalEntry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, start);
            if (end < 0) {
                break; // torn last line
            }
            lineNumber++;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    entries.add(MAPPER.readValue(line, JournalEntry.class));
                } catch (JsonProcessingException e) {
                    return new Contents(entries, start, Optional.of(new Damage(lineNumber, start,
                            "unreadable journal entry: " + ModelJson.violationOf(e))));
                }
            }
            start = end + 1;
        }
        return new Contents(entries, start, Optional.empty());
    }

    /**
     * All complete entries of a journal, in order.
     *
     * @throws JournalException naming the file and line of damage
     */
    public static List<JournalEntry> read(Path file) throws IOException {
        Contents contents = load(file);
        if (contents.damage().isPresent()) {
            Damage d = contents.damage().get();
            throw new JournalException(file + ":" + d.line() + ": " + d.reason(), null);
        }
        return contents.entries();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Length of the journal up to and including its last newline. */
    private static long completeLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int last = bytes.length - 1;
        while (last >= 0 && bytes[last] != '\n') {
            last--;
        }
        return last + 1L;
    }

    /** A journal that cannot be trusted. */
    public static final class JournalException extends RuntimeException {
        public JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
