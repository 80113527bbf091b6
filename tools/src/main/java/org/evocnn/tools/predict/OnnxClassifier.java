package org.evocnn.tools.predict;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.training.export.Classifier;
import org.evocnn.training.export.OnnxExport;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An ONNX model evocnn exported, run by ONNX Runtime; its manifest is read from the model's metadata. */
public final class OnnxClassifier implements Classifier {

    private final OrtEnvironment ort = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final ModelManifest manifest;

    public OnnxClassifier(Path model) throws IOException {
        try {
            session = ort.createSession(model.toString(), new OrtSession.SessionOptions());
            String json = session.getMetadata().getCustomMetadata().get(OnnxExport.MANIFEST_KEY);
            if (json == null) {
                session.close();
                throw new IOException(model + " is an ONNX model but not one evocnn exported (no "
                        + OnnxExport.MANIFEST_KEY + " in its metadata)");
            }
            manifest = ModelJson.read(json, ModelManifest.class);
        } catch (OrtException e) {
            throw new IOException(model + " is not an ONNX model ONNX Runtime reads: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public float[][] probabilities(List<byte[]> images) {
        var shape = manifest.input();
        try (OnnxTensor input = OnnxTensor.createTensor(ort, FloatBuffer.wrap(Classifier.inputValues(manifest, images)),
                new long[] {images.size(), shape.channels(), shape.height(), shape.width()});
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing: nothing left to do
        }
    }
}
