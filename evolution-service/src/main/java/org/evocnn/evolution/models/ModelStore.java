package org.evocnn.evolution.models;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.RunFiles;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.ModelRef;
import org.evocnn.training.export.ModelFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trained networks of final trainings, kept under their run's directory: {@code runs/<runId>/models/
 * <evaluationId>.zip} (the DL4J model file as the evaluator wrote it) and {@code .json} (its manifest). A file is taken
 * from its result's message before the result is journaled, and only when its SHA-256 is the one the result names;
 * the journal keeps that hash, and every file served is checked against it first.
 */
@ApplicationScoped
public class ModelStore {

    @Inject
    RunRegistry runs;
    @Inject
    ModelsConfig config;

    /**
     * Hashes of files already checked, by path, with what the file system says of the file then: size, modification
     * and change time, inode. Any write changes the change time, which no one can set back (the modification time
     * can be), so a file rewritten in place is hashed again.
     */
    private final Map<Path, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(Map<String, Object> attributes, String sha256) {
    }

    /** Writes a message body into a stream (the messaging adapter's part: Artemis streams it, OpenWire copies it). */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws Exception;
    }

    /**
     * Stores the network a result brings. Returns the result as the run should journal it: unchanged when the file
     * was stored, else with the reason the network was not (too large, not the file the result names, a manifest
     * that does not read, a run this service does not have).
     */
    public EvaluationResult receive(EvaluationResult result, String manifestJson, Body body) {
        ModelRef ref = result.model();
        if (ref == null || !ref.isKept()) {
            return result;
        }
        var run = runs.get(result.runId());
        if (run.isEmpty()) {
            return result; // the run ignores it and says so
        }
        if (result.kind() == EvaluationKind.FITNESS
                ? run.get().evaluations().fitness(result.sequence()).isPresent()
                : run.get().finals().answered(result.sequence(), result.repeat())) {
            // a second result of an evaluation already taken (its request trained twice, or a forged one): the run
            // ignores it, and the network kept under the first one's journaled hash must stay as it is
            return result;
        }
        if (ref.bytes() > config.maxSize().asLongValue()) {
            return notStored(result, String.format(Locale.ROOT, "the network's file of %,d bytes is over the service's"
                    + " cap of %,d (evocnn.models.max-size)", ref.bytes(), config.maxSize().asLongValue()));
        }
        ModelManifest manifest;
        try {
            manifest = ModelJson.read(manifestJson, ModelManifest.class);
        } catch (InvalidJsonException e) {
            return notStored(result, "its manifest does not read: " + e.getMessage());
        }
        if (!ref.sha256().equals(manifest.sha256()) || !result.evaluationId().equals(manifest.evaluationId())) {
            return notStored(result, "its manifest describes another file or training");
        }
        Path zip = zip(result.runId(), result.evaluationId());
        Path part = zip.resolveSibling(zip.getFileName() + ".part");
        try {
            Files.createDirectories(zip.getParent());
            MessageDigest digest = ModelFiles.sha256();
            try (OutputStream out = new DigestOutputStream(new Capped(Files.newOutputStream(part), ref.bytes()),
                    digest)) {
                body.writeTo(out);
            }
            long size = Files.size(part);
            String sha256 = ModelFiles.hex(digest);
            if (size != ref.bytes() || !sha256.equals(ref.sha256())) {
                Files.deleteIfExists(part);
                return notStored(result, String.format(Locale.ROOT, "the file that arrived (%,d bytes, SHA-256 %s) is "
                        + "not the one the result names (%,d bytes, %s)", size, sha256, ref.bytes(), ref.sha256()));
            }
            Files.writeString(manifest(result.runId(), result.evaluationId()), ModelJson.writePretty(manifest));
            Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(onnx(result.runId(), result.evaluationId())); // a redelivery's export is redone
            Log.infof("kept the network of %s: %,d bytes, SHA-256 %s", result.evaluationId(), size, sha256);
            return result;
        } catch (Exception e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the next delivery overwrites it
            }
            return notStored(result, "the network could not be stored: " + e.getMessage());
        }
    }

    private static EvaluationResult notStored(EvaluationResult result, String reason) {
        Log.warnf("the network of %s was not kept: %s", result.evaluationId(), reason);
        return result.withModel(ModelRef.notKept(reason));
    }

    /**
     * The stored network of a final training: the given repeat's, or the best kept one's (highest test accuracy).
     *
     * @throws ModelUnavailable 404 when there is none (yet), 409 when the stored file is not the journaled one
     */
    public Stored stored(String runId, FinalTraining training, Integer repeat) {
        RecordedResult result = chosen(training, repeat);
        ModelRef ref = result.model();
        Path zip = zip(runId, result.evaluationId());
        Path manifestFile = manifest(runId, result.evaluationId());
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(manifestFile)) {
            throw ModelUnavailable.missing("the network of " + result.evaluationId() + " was kept but its file "
                    + runs.runsDir().relativize(Files.isRegularFile(zip) ? manifestFile : zip) + " is missing");
        }
        String sha256 = sha256(zip);
        if (!ref.sha256().equals(sha256)) {
            throw ModelUnavailable.conflict("the stored network of " + result.evaluationId() + " is damaged: its file "
                    + "has SHA-256 " + sha256 + ", the journal recorded " + ref.sha256());
        }
        ModelManifest manifest;
        try {
            manifest = ModelJson.read(Files.readString(manifestFile), ModelManifest.class);
        } catch (IOException | InvalidJsonException e) {
            throw ModelUnavailable.conflict("the manifest of " + result.evaluationId() + " does not read: "
                    + e.getMessage());
        }
        var input = manifest.input();
        if (input.height() > InputShape.MAX_SIDE || input.width() > InputShape.MAX_SIDE || input.channels() > 3) {
            // predictions resize every image to it: 20,000 x 20,000 took 8.6 s and 1.1 GB for one
            throw ModelUnavailable.conflict("the manifest of " + result.evaluationId() + " claims an input of "
                    + input + ", past what any data set has (" + InputShape.MAX_SIDE + " per side, 3 channels)");
        }
        return new Stored(result.evaluationId(), zip, manifest);
    }

    /** The repeat asked for, else the kept repeat with the best test accuracy. */
    private static RecordedResult chosen(FinalTraining training, Integer repeat) {
        if (repeat != null) {
            if (repeat < 1 || repeat > training.repeats()) {
                throw new IllegalArgumentException("repeat: " + repeat + " is not a repeat of " + training.id()
                        + " (1-" + training.repeats() + ")");
            }
            RecordedResult r = training.results().stream().filter(x -> repeat.equals(x.repeat())).findFirst()
                    .orElseThrow(() -> ModelUnavailable.missing("repeat " + repeat + " of " + training.id()
                            + " has not finished"));
            if (!r.isOk()) {
                throw ModelUnavailable.missing("repeat " + repeat + " of " + training.id() + " did not train: "
                        + r.error());
            }
            if (r.model() == null || !r.model().isKept()) {
                throw ModelUnavailable.missing("no network was kept for repeat " + repeat + " of " + training.id()
                        + (r.model() == null ? " (its evaluator keeps none)" : ": " + r.model().error()));
            }
            return r;
        }
        return training.results().stream().filter(r -> r.isOk() && r.model() != null && r.model().isKept())
                .max(Comparator.comparingDouble((RecordedResult r) -> r.fitness().accuracy())
                        .thenComparing(r -> r.repeat() == null ? 0 : -r.repeat()))
                .orElseThrow(() -> ModelUnavailable.missing(whyNone(training)));
    }

    private static String whyNone(FinalTraining training) {
        if (training.results().isEmpty()) {
            return training.id() + " has not finished a repeat yet";
        }
        return "no network of " + training.id() + " was kept: " + training.results().stream()
                .map(r -> "repeat " + r.repeat() + " " + (!r.isOk() ? r.status().name().toLowerCase(Locale.ROOT)
                        + ": " + r.error() : r.model() == null ? "ok, its evaluator keeps none"
                        : "ok, " + r.model().error()))
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    /**
     * A stored file's SHA-256, computed again whenever the file may have changed; a link is refused, never followed.
     *
     * @throws ModelUnavailable 409 for a link or a file that does not read
     */
    String sha256(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                throw ModelUnavailable.conflict("the stored file " + file.getFileName() + " is a link; only the file "
                        + "the service wrote is served");
            }
            Map<String, Object> attributes = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino",
                    LinkOption.NOFOLLOW_LINKS);
            Checked known = checked.get(file);
            if (known != null && known.attributes().equals(attributes)) {
                return known.sha256();
            }
            String sha256 = ModelFiles.sha256(file);
            checked.put(file, new Checked(attributes, sha256));
            return sha256;
        } catch (IOException | UnsupportedOperationException e) {
            throw ModelUnavailable.conflict("the stored network " + file.getFileName() + " does not read: "
                    + e.getMessage());
        }
    }

    public Path zip(String runId, String evaluationId) {
        return RunFiles.network(runDir(runId), evaluationId);
    }

    Path manifest(String runId, String evaluationId) {
        return RunFiles.manifest(runDir(runId), evaluationId);
    }

    public Path onnx(String runId, String evaluationId) {
        return RunFiles.onnx(runDir(runId), evaluationId);
    }

    private Path runDir(String runId) {
        return runs.runsDir().resolve(runId);
    }

    /** A stored network, checked against its journaled hash. */
    public record Stored(String evaluationId, Path zip, ModelManifest manifest) {
    }

    /** Refuses to write more than the result announced, so a wrong body cannot fill the disk. */
    private static final class Capped extends java.io.FilterOutputStream {
        private final long max;
        private long written;

        Capped(OutputStream out, long max) {
            super(out);
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(long n) throws IOException {
            written += n;
            if (written > max) {
                throw new IOException("the body is longer than the " + max + " bytes the result names");
            }
        }
    }
}
