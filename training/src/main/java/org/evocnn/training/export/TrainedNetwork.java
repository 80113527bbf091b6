package org.evocnn.training.export;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.training.dl4j.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A DL4J model file evocnn wrote, loaded for inference (without its updater: it is not trained further). */
public final class TrainedNetwork implements Classifier {

    private final MultiLayerNetwork network;
    private final ModelManifest manifest;

    public TrainedNetwork(MultiLayerNetwork network, ModelManifest manifest) {
        this.network = network;
        this.manifest = manifest;
    }

    /** @throws IOException when the file is not a DL4J model file */
    public static TrainedNetwork load(Path zip, ModelManifest manifest) throws IOException {
        Backend.init();
        try {
            return new TrainedNetwork(ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false), manifest);
        } catch (RuntimeException e) {
            throw new IOException(zip.getFileName() + " is not a DL4J model file: " + e.getMessage(), e);
        }
    }

    public MultiLayerNetwork network() {
        return network;
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public synchronized float[][] probabilities(List<byte[]> images) {
        int px = manifest.input().height() * manifest.input().width() * manifest.input().channels();
        INDArray input = Nd4j.create(Classifier.inputValues(manifest, images), new long[] {images.size(), px}, 'c');
        INDArray output = network.output(input, false);
        float[][] rows = output.toFloatMatrix();
        input.close();
        output.close();
        return rows;
    }

    /** The ONNX export of this network ({@link OnnxExport}). */
    public byte[] onnx() {
        return OnnxExport.export(network, manifest);
    }

    @Override
    public void close() {
        network.close();
    }
}
