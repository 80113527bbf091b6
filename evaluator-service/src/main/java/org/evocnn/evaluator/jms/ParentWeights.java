package org.evocnn.evaluator.jms;

import io.quarkus.logging.Log;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.Inherit;
import org.evocnn.training.export.KeptModels;
import org.evocnn.training.export.ModelFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parents' trained weights that come with a request as its body (docs/inheritance.md): the model files end to end,
 * in the order and with the sizes the request names. Each is written to the file the trainer reads it from, checked
 * against its SHA-256; one that does not arrive whole and intact is deleted and marked missing in the request, saying
 * why, so the child trains those layers from scratch and its result says so. The body streams to disk (an Artemis
 * large message), never whole in memory.
 *
 * @param requestJson the request as the handler should read it (with any damaged parent marked missing)
 * @param saved       the files written, to delete once the request is answered
 */
record ParentWeights(String requestJson, List<Saved> saved) {

    /** A parent's weights on disk for the time of one evaluation. */
    record Saved(Path file) {
        void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                Log.debugf("a parent's weights %s stay behind: %s", file, e.getMessage());
            }
        }
    }

    static ParentWeights receive(BytesMessage message, String json, KeptModels models, BrokerConnection broker) {
        EvaluationRequest request;
        try {
            request = ModelJson.readRequest(json);
        } catch (InvalidJsonException e) {
            return new ParentWeights(json, List.of()); // the handler answers it as malformed
        }
        if (request.inherit() == null || request.inherit().travelling().isEmpty()) {
            return new ParentWeights(json, List.of());
        }
        List<Inherit.Parent> parents = request.inherit().travelling();
        List<Saved> files = new ArrayList<>();
        for (Inherit.Parent parent : parents) {
            files.add(new Saved(models.parentFile(request.id(), parent.sequence())));
        }
        Split body = new Split(parents, files);
        String failure = null;
        try {
            Files.createDirectories(files.get(0).file().getParent());
            broker.saveBody(message, body);
        } catch (IOException | JMSException | RuntimeException e) {
            failure = e.getMessage();
        } finally {
            body.close();
        }
        Inherit inherit = request.inherit();
        for (int i = 0; i < parents.size(); i++) {
            String problem = failure != null ? "its weights did not arrive (" + failure + ")" : body.problem(i);
            if (problem != null) {
                files.get(i).delete();
                inherit = inherit.withMissing(parents.get(i).sequence(), problem);
                Log.warnf("request %s: parent %d %s", request.evaluationId(), parents.get(i).sequence(), problem);
            }
        }
        return new ParentWeights(inherit == request.inherit() ? json : ModelJson.write(request.withInherit(inherit)),
                files);
    }

    /** Writes a body into the parents' files by their sizes, hashing each. */
    private static final class Split extends OutputStream {
        private final List<Inherit.Parent> parents;
        private final List<Saved> files;
        private final long[] written;
        private final String[] sha256;
        private long beyond;
        private int index;
        private OutputStream current;
        private MessageDigest digest;

        Split(List<Inherit.Parent> parents, List<Saved> files) {
            this.parents = parents;
            this.files = files;
            this.written = new long[parents.size()];
            this.sha256 = new String[parents.size()];
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (index >= parents.size()) {
                    beyond += len;
                    return;
                }
                if (current == null) {
                    current = Files.newOutputStream(files.get(index).file());
                    digest = ModelFiles.sha256();
                }
                int n = (int) Math.min(len, parents.get(index).bytes() - written[index]);
                current.write(b, off, n);
                digest.update(b, off, n);
                written[index] += n;
                off += n;
                len -= n;
                if (written[index] == parents.get(index).bytes()) {
                    finishPart();
                }
            }
        }

        private void finishPart() throws IOException {
            current.close();
            current = null;
            sha256[index] = ModelFiles.hex(digest);
            index++;
        }

        @Override
        public void close() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    Log.debug("closing a parent's weights file", e);
                }
                current = null;
            }
        }

        /** Why parent i's file is not the one the request names; null when it is. */
        String problem(int i) {
            Inherit.Parent parent = parents.get(i);
            if (written[i] != parent.bytes()) {
                return String.format(Locale.ROOT, "its weights arrived short (%,d of %,d bytes)", written[i],
                        parent.bytes());
            }
            if (!parent.sha256().equals(sha256[i])) {
                return "its weights arrived damaged (SHA-256 " + sha256[i] + ", the request names " + parent.sha256()
                        + ")";
            }
            if (i == parents.size() - 1 && beyond > 0) {
                return String.format(Locale.ROOT, "the request's body is %,d bytes longer than its parents' weights",
                        beyond);
            }
            return null;
        }
    }
}
