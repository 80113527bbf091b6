package org.evocnn.evolution.run;

import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Results that arrive for a damaged run, kept on disk in its directory ({@code held-results.jsonl}) until the run
 * is recovered and takes them: a damaged run cannot journal them, and acknowledging them without keeping them
 * would lose evaluations.
 */
final class HeldResults {

    static final String FILE = "held-results.jsonl";

    private final Path file;

    HeldResults(Path runDir) {
        this.file = runDir.resolve(FILE);
    }

    /** Keeps a result, on disk before this returns. */
    synchronized void hold(EvaluationResult result) {
        try {
            Files.writeString(file, ModelJson.write(result) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The results held so far, in arrival order (unreadable lines, which only a torn write leaves, skipped). */
    synchronized List<EvaluationResult> all() {
        List<EvaluationResult> results = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return results;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    results.add(ModelJson.readResult(line));
                } catch (InvalidJsonException e) {
                    // a torn last line
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return results;
    }

    /** Moves the file aside once the recovered run has taken its results. */
    synchronized void delivered(String suffix) throws IOException {
        if (Files.isRegularFile(file)) {
            Files.move(file, file.resolveSibling(FILE + ".delivered-" + suffix), StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
