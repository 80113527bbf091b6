package org.evocnn.evolution.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * A run's append-only journal: one JSON entry per line. {@link #append} forces its entries to disk before it returns,
 * so a fact that was acted on survives a crash; a batch of entries shares one force. Reading tolerates a torn last
 * line (a crash mid-write) and nothing else.
 */
public final class RunJournal implements Closeable {

    private static final ObjectMapper MAPPER = ModelJson.mapper();

    private final Path file;
    private final FileChannel channel;

    private RunJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if needed) a journal for appending; a torn last line is cut off first. */
    public static RunJournal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        long complete = completeLength(file);
        channel.truncate(complete);
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
     * All complete entries of a journal, in order. A last line without its newline is a torn write and is ignored;
     * an unreadable complete line is corruption.
     *
     * @throws JournalException naming the file and line
     */
    public static List<JournalEntry> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<JournalEntry> entries = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                break; // torn last line
            }
            lineNumber++;
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                try {
                    entries.add(MAPPER.readValue(line, JournalEntry.class));
                } catch (JsonProcessingException e) {
                    throw new JournalException(file + ":" + lineNumber + ": unreadable journal entry: "
                            + ModelJson.violationOf(e), e);
                }
            }
            start = end + 1;
        }
        return entries;
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
