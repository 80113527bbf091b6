package org.evocnn.evolution.it;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.data.LabeledImages;
import org.evocnn.training.export.Classifier;
import org.evocnn.training.export.ModelFiles;
import org.evocnn.training.export.OnnxExport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trained network comes home: the packaged service (embedded Artemis) and a packaged DL4J evaluator on the MNIST
 * fixture; a final training of two repeats returns its networks as large messages; the service stores them, journals
 * their hashes, serves the best one as a DL4J file (which, loaded with ModelSerializer, scores the test images exactly
 * as the evaluator reported), as ONNX (same classes in ONNX Runtime) and through predictions, and still does after a
 * restart; a damaged or missing file is a 409 or a 404, never served; bad requests are 4xx naming the problem.
 */
class ModelRoundTripIT {

    private static final Path FIXTURE = Path.of("../training/src/test/resources/fixture");
    private static final String GENOME = """
            {"schemaVersion": 1,
             "conv": [{"type": "conv", "filters": 6, "kernelSize": 3, "activation": "relu"},
                      {"type": "pool", "poolSize": 2}],
             "dense": [{"size": 32, "dropout": 0.2, "activation": "relu"}]}""";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Cluster cluster;

    @AfterEach
    void stopAll() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFinalTrainingsNetworkIsStoredServedExportedAndClassifiesAfterARestart() throws Exception {
        cluster = new Cluster(work);
        Process service = cluster.startService();
        cluster.startDl4jEvaluator("evaluator-dl4j");
        String runId = cluster.createRun("""
                {"task": {"folds": 2, "epochs": 1, "trainingSubset": 100},
                 "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 2,
                               "termination": {"maxEvaluations": 4}}}""");
        cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"), 300);
        JsonNode started = cluster.service.post("/api/runs/" + runId + "/final",
                "{\"genome\": " + GENOME + ", \"repeats\": 2, \"epochs\": 1}");
        String finalId = started.path("id").asText();
        String base = "/api/runs/" + runId + "/final/" + finalId;

        // not finished yet: nothing to download, and it says so
        HttpResponse<String> early = cluster.service.raw("GET", base + "/manifest", null);
        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(early.body()).contains(finalId);

        JsonNode done = cluster.service.awaitFinal(runId, finalId);
        JsonNode results = done.path("results");
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("ok"));

        // the journal holds each repeat's hash; the best repeat is the one served
        List<JournalEntry.FinalResultReceived> journaled = RunJournal.read(work.resolve("runs").resolve(runId)
                        .resolve("journal.jsonl")).stream().filter(JournalEntry.FinalResultReceived.class::isInstance)
                .map(JournalEntry.FinalResultReceived.class::cast).toList();
        assertThat(journaled).hasSize(2).allSatisfy(e -> assertThat(e.result().model().sha256()).hasSize(64));
        JournalEntry.FinalResultReceived best = journaled.stream().max(java.util.Comparator.comparingDouble(
                e -> e.result().fitness().accuracy())).orElseThrow();

        Path zip = work.resolve("best.zip");
        HttpResponse<Path> dl4j = cluster.service.download(base + "/model?format=dl4j", zip);
        assertThat(dl4j.statusCode()).isEqualTo(200);
        assertThat(dl4j.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(dl4j.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + best.result().evaluationId() + ".zip\"");
        assertThat(ModelFiles.sha256(zip)).isEqualTo(best.result().model().sha256());

        ModelManifest manifest = ModelJson.read(cluster.service.raw("GET", base + "/manifest", null).body(),
                ModelManifest.class);
        assertThat(manifest.sha256()).isEqualTo(best.result().model().sha256());
        assertThat(manifest.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(manifest.input()).hasToString("28x28x1");
        assertThat(manifest.testAccuracy()).isEqualTo(best.result().fitness().accuracy());

        // the stored network is the evaluator's: it scores the 200 test images as the evaluator reported
        Dataset mnist = new DatasetRegistry(FIXTURE).get("mnist");
        float[][] dl4jOut;
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        try {
            INDArray x = Nd4j.create(features(mnist.test()), new long[] {mnist.test().size(), 784}, 'c');
            dl4jOut = network.output(x, false).toFloatMatrix();
        } finally {
            network.close();
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < dl4jOut.length; i++) {
            int label = mnist.test().label(i);
            loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, dl4jOut[i][label])));
            correct += Classifier.argmax(dl4jOut[i]) == label ? 1 : 0;
        }
        assertThat(correct / (double) dl4jOut.length).isEqualTo(best.result().fitness().accuracy());
        assertThat(loss / dl4jOut.length).isCloseTo(best.result().fitness().loss(),
                org.assertj.core.data.Offset.offset(1e-5));

        // ONNX: the same classes in ONNX Runtime
        Path onnx = work.resolve("best.onnx");
        HttpResponse<Path> onnxAnswer = cluster.service.download(base + "/model?format=onnx", onnx);
        assertThat(onnxAnswer.statusCode()).isEqualTo(200);
        assertThat(onnxAnswer.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + best.result().evaluationId() + ".onnx\"");
        try (OrtEnvironment ort = OrtEnvironment.getEnvironment();
             OrtSession session = ort.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(features(mnist.test())),
                     new long[] {mnist.test().size(), 1, 28, 28});
             OrtSession.Result out = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] onnxOut = (float[][]) out.get(0).getValue();
            for (int i = 0; i < onnxOut.length; i++) {
                assertThat(Classifier.argmax(onnxOut[i])).as("image %d", i)
                        .isEqualTo(Classifier.argmax(dl4jOut[i]));
            }
        }

        // a prediction: a test image as a PNG, classified as the downloaded network classifies it
        JsonNode prediction = predict(base, png(mnist.test(), 3));
        assertThat(prediction.path("classes")).hasSize(5);
        assertThat(prediction.path("classes").get(0).path("index").asInt())
                .isEqualTo(Classifier.argmax(dl4jOut[3]));
        assertThat(prediction.path("classes").get(0).path("probability").asDouble())
                .isCloseTo(dl4jOut[3][Classifier.argmax(dl4jOut[3])], org.assertj.core.data.Offset.offset(1e-4));

        // bad requests: 4xx naming the problem, nothing else changes
        assertError(cluster.service.raw("GET", base + "/model?format=keras", null), 400, "format: 'keras'");
        assertError(cluster.service.raw("GET", base + "/model?repeat=3", null), 400, "repeat: 3");
        assertError(cluster.service.raw("GET", base + "/model?repeat=abc", null), 400, "repeat: 'abc' is not a whole");
        assertError(cluster.service.raw("GET", base + "/manifest?repeat=abc", null), 400, "repeat: 'abc'");
        assertError(cluster.service.send("POST", base + "/predict?top=abc", png(mnist.test(), 3), "image/png"), 400,
                "top: 'abc' is not a whole number");
        assertError(cluster.service.send("POST", base + "/predict?top=0", png(mnist.test(), 3), "image/png"), 400,
                "top");
        assertError(cluster.service.raw("GET", "/api/runs/" + runId + "/final/nope/model", null), 404, "nope");
        assertError(cluster.service.send("POST", base + "/predict", "not an image".getBytes(), "text/plain"), 415,
                "not an image");
        assertError(cluster.service.send("POST", base + "/predict", new byte[0], "image/png"), 400, "empty");
        assertError(cluster.service.send("POST", base + "/predict", colourPng(), "image/png"), 400, "colour");
        assertError(cluster.service.send("POST", base + "/predict", hugePng(), "image/png"), 413, "8000x8000");
        // bombs: a 1 KB BMP claiming 20,000 x 20,000 (an OutOfMemoryError, answered 500, when it was decoded first)
        // and a broken PNG claiming as much (415 when decoding came first): refused from their headers
        assertError(cluster.service.send("POST", base + "/predict", org.evocnn.fixtures.ImageBombs.bmp(20_000,
                20_000, 1_054), "image/bmp"), 413, "20000x20000");
        assertError(cluster.service.send("POST", base + "/predict", org.evocnn.fixtures.ImageBombs.pngHeader(20_000,
                20_000), "image/png"), 413, "20000x20000");

        // after a restart it is still served
        service.destroy();
        service.waitFor();
        cluster.startService();
        assertThat(cluster.service.download(base + "/model", work.resolve("again.zip")).statusCode()).isEqualTo(200);
        assertThat(ModelFiles.sha256(work.resolve("again.zip"))).isEqualTo(best.result().model().sha256());
        assertThat(predict(base, png(mnist.test(), 3)).path("classes").get(0).path("index").asInt())
                .isEqualTo(Classifier.argmax(dl4jOut[3]));

        // a damaged file is a 409, a missing one a 404: never served
        Path stored = work.resolve("runs").resolve(runId).resolve("models")
                .resolve(best.result().evaluationId() + ".zip");
        byte[] original = Files.readAllBytes(stored);
        byte[] damaged = original.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(stored, damaged);
        assertError(cluster.service.raw("GET", base + "/model", null), 409, "damaged");
        assertError(cluster.service.send("POST", base + "/predict", png(mnist.test(), 3), "image/png"), 409,
                "damaged");
        Files.delete(stored);
        assertError(cluster.service.raw("GET", base + "/model", null), 404, "missing");
        Files.write(stored, original);
        assertThat(cluster.service.download(base + "/model", work.resolve("third.zip")).statusCode()).isEqualTo(200);
        // a byte flipped in place with size and modification time kept is still caught (the change time moved)
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(stored);
        Files.write(stored, damaged);
        Files.setLastModifiedTime(stored, mtime);
        assertError(cluster.service.raw("GET", base + "/model", null), 409, "damaged");
        Files.write(stored, original);
        Files.setLastModifiedTime(stored, mtime);
        // a link in the store is refused, not followed
        Path elsewhere = Files.write(work.resolve("elsewhere.zip"), original);
        Files.delete(stored);
        Files.createSymbolicLink(stored, elsewhere);
        assertError(cluster.service.raw("GET", base + "/model", null), 409, "is a link");
        Files.delete(stored);
        Files.write(stored, original);
        // the ONNX export, damaged or replaced by a link, is made again, never served as it is
        Path onnxStored = stored.resolveSibling(best.result().evaluationId() + ".onnx");
        byte[] onnxBytes = Files.readAllBytes(onnxStored);
        onnxBytes[onnxBytes.length / 2] ^= 0x5a;
        Files.write(onnxStored, onnxBytes);
        String damagedOnnx = ModelFiles.sha256(onnxStored);
        assertThat(cluster.service.download(base + "/model?format=onnx", work.resolve("again.onnx")).statusCode())
                .isEqualTo(200);
        assertThat(ModelFiles.sha256(work.resolve("again.onnx"))).as("re-exported, not the damaged file")
                .isNotEqualTo(damagedOnnx).isEqualTo(ModelFiles.sha256(onnxStored));
        try (OrtEnvironment ort = OrtEnvironment.getEnvironment();
             OrtSession session = ort.createSession(work.resolve("again.onnx").toString(),
                     new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).hasSize(1);
        }
        Path secret = Files.writeString(work.resolve("secret.txt"), "not a network");
        Files.delete(onnxStored);
        Files.createSymbolicLink(onnxStored, secret);
        assertThat(cluster.service.download(base + "/model?format=onnx", work.resolve("linked.onnx")).statusCode())
                .isEqualTo(200);
        assertThat(Files.isSymbolicLink(onnxStored)).as("the link replaced by an export").isFalse();
        assertThat(ModelFiles.sha256(work.resolve("linked.onnx"))).as("the export, not the link's target")
                .isEqualTo(ModelFiles.sha256(onnxStored)).isNotEqualTo(ModelFiles.sha256(secret));
        assertThat(Files.readString(secret)).isEqualTo("not a network");

        // a changed manifest is read again, not answered from the loaded network; one claiming an input no data set
        // has is refused (predictions resize every image to it)
        Path manifestFile = stored.resolveSibling(best.result().evaluationId() + ".json");
        String manifestText = Files.readString(manifestFile);
        var renamed = (com.fasterxml.jackson.databind.node.ObjectNode) ModelJson.mapper().readTree(manifestText);
        var names = renamed.putArray("classNames");
        for (int c = 0; c < 10; c++) {
            names.add("digit " + c);
        }
        Files.writeString(manifestFile, ModelJson.mapper().writeValueAsString(renamed));
        assertThat(predict(base, png(mnist.test(), 3)).path("classes").get(0).path("name").asText())
                .startsWith("digit ");
        var huge = (com.fasterxml.jackson.databind.node.ObjectNode) ModelJson.mapper().readTree(manifestText);
        ((com.fasterxml.jackson.databind.node.ObjectNode) huge.path("input")).put("height", 20_000).put("width", 20_000);
        Files.writeString(manifestFile, ModelJson.mapper().writeValueAsString(huge));
        assertError(cluster.service.send("POST", base + "/predict", png(mnist.test(), 3), "image/png"), 409,
                "claims an input of 20000x20000");
        Files.writeString(manifestFile, manifestText);
    }

    private JsonNode predict(String base, byte[] image) throws Exception {
        HttpResponse<String> r = cluster.service.send("POST", base + "/predict", image, "image/png");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ModelJson.mapper().readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String says) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("\"errors\"").contains(says);
    }

    private static float[] features(LabeledImages part) {
        float[] x = new float[part.size() * part.pixelsPerImage()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (part.pixels()[i] & 0xff) / 255f;
        }
        return x;
    }

    static byte[] png(LabeledImages part, int index) throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 28, 28, java.util.Arrays.copyOfRange(part.pixels(), index * 784,
                (index + 1) * 784));
        return encode(image);
    }

    private static byte[] colourPng() throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                image.setRGB(x, y, (x * 9) << 16 | (y * 9) << 8);
            }
        }
        return encode(image);
    }

    /** An 8000x8000 PNG: a small file that would decode to 64 M pixels. */
    private static byte[] hugePng() throws Exception {
        return encode(new BufferedImage(8_000, 8_000, BufferedImage.TYPE_BYTE_BINARY));
    }

    private static byte[] encode(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

}
