package org.evocnn.evolution.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.evocnn.model.json.ModelJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests the broker dead-lettered, kept as they arrived (body, reason, broker properties) in a file of their own,
 * {@code dead-letters.jsonl} in the run's directory, so that a user can see what no evaluator could answer: the
 * service takes them off the dead-letter queue to fail their evaluations, and the queue itself stays empty.
 */
public final class DeadLetters {

    /** One dead-lettered message: when it was taken, its evaluation (when readable), why, from where, and its body. */
    public record DeadLetter(long atMillis, String evaluationId, String reason, String originalQueue, String body) {
    }

    static final String FILE = "dead-letters.jsonl";

    private final Path file;
    private final List<DeadLetter> letters = new ArrayList<>();

    /** The dead letters kept in {@code dir} so far (none when it has no file yet). */
    public DeadLetters(Path dir) {
        this.file = dir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        letters.add(ModelJson.mapper().readValue(line, DeadLetter.class));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** Keeps a dead letter, on disk before this returns. */
    public synchronized void keep(DeadLetter letter) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ModelJson.mapper().writeValueAsString(letter) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            letters.add(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letters always serialize", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    public synchronized List<DeadLetter> all() {
        return List.copyOf(letters);
    }

    public synchronized int size() {
        return letters.size();
    }

    public Path file() {
        return file;
    }
}
