package org.evocnn.training.export;

import ai.onnx.proto.OnnxMl;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.ModelManifest;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained network as an ONNX model (opset 13): input {@code input}, float32 NCHW (batch, channels, height, width)
 * scaled as its manifest says; output {@code probabilities}, batch x classes after a softmax. One node per layer of
 * the genome: Conv (weights [out, in, k, k] as DL4J keeps them, same padding as SAME_UPPER, which is where DL4J puts
 * the odd pixel), MaxPool (valid pooling floors, as DL4J's truncate mode), Flatten(axis 1) before the dense part (the
 * channel-row-column order in which DL4J flattens), Gemm (weights [in, out]), the activation; dropout is left out, as
 * at inference. The manifest travels in the model's metadata ({@value #MANIFEST_KEY}). The graph is built with
 * Tribuo's ONNX utilities (its protobuf classes and graph context).
 */
public final class OnnxExport {

    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    public static final String MANIFEST_KEY = "evocnn.manifest";
    /** ONNX IR version 8 (ONNX 1.10), which opset 13 models may use and every current runtime reads. */
    static final int IR_VERSION = 8;

    private OnnxExport() {
    }

    /** The ONNX model's bytes. */
    public static byte[] export(MultiLayerNetwork network, ModelManifest manifest) {
        return model(network, manifest).toByteArray();
    }

    static OnnxMl.ModelProto model(MultiLayerNetwork network, ModelManifest manifest) {
        Genome genome = manifest.genome();
        InputShape shape = manifest.input();
        ONNXContext ctx = new ONNXContext();
        ctx.setName("evocnn");
        ONNXPlaceholder input = ctx.floatInput(INPUT, shape.channels() * shape.height() * shape.width());
        ONNXPlaceholder output = ctx.floatOutput(OUTPUT, manifest.classes());
        ONNXRef<?> x = input;
        int layer = 0;
        for (ConvPartBlock block : genome.convPart()) {
            String auto = block.effectivePadding() == Padding.SAME ? "SAME_UPPER" : "VALID";
            if (block instanceof ConvBlock conv) {
                Layer l = network.getLayer(layer);
                ONNXInitializer w = tensor(ctx, "conv" + layer + "_W", l.getParam("W"));
                ONNXInitializer b = vector(ctx, "conv" + layer + "_b", l.getParam("b"));
                int k = conv.kernelSize();
                x = ctx.operation(OnnxOps.CONV, List.of(x, w, b), "conv" + layer, Map.of("kernel_shape",
                        new int[] {k, k}, "strides", new int[] {1, 1}, "auto_pad", auto));
                x = activation(ctx, x, conv.activation(), "conv" + layer);
            } else {
                int s = ((PoolBlock) block).poolSize();
                x = ctx.operation(OnnxOps.MAX_POOL, List.of(x), "pool" + layer, Map.of("kernel_shape",
                        new int[] {s, s}, "strides", new int[] {s, s}, "auto_pad", auto));
            }
            layer++;
        }
        x = ctx.operation(OnnxOps.FLATTEN, List.of(x), "flatten", Map.of("axis", 1));
        List<DenseBlock> dense = genome.densePart();
        for (int i = 0; i <= dense.size(); i++, layer++) {
            Layer l = network.getLayer(layer);
            ONNXInitializer w = tensor(ctx, "dense" + layer + "_W", l.getParam("W"));
            ONNXInitializer b = vector(ctx, "dense" + layer + "_b", l.getParam("b"));
            x = ctx.operation(ONNXOperators.GEMM, List.of(x, w, b), "dense" + layer);
            x = i < dense.size() ? activation(ctx, x, dense.get(i).activation(), "dense" + layer)
                    : ctx.operation(ONNXOperators.SOFTMAX, List.of(x), "softmax", Map.of("axis", 1));
        }
        x.assignTo(output);
        OnnxMl.GraphProto graph = ctx.buildGraph().toBuilder().setInput(0, nchw(shape)).build();
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("evocnn")
                .setProducerVersion(manifest.evocnnVersion())
                .setDomain("org.evocnn")
                .setModelVersion(1)
                .setDocString("evocnn network for " + manifest.dataset() + " (" + manifest.evaluationId() + ")")
                .setGraph(graph)
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(MANIFEST_KEY)
                        .setValue(ModelJson.write(manifest)))
                .build();
    }

    /** The input as the graph declares it: batch (any size) x channels x height x width. */
    private static OnnxMl.ValueInfoProto nchw(InputShape shape) {
        OnnxMl.TensorShapeProto.Builder dims = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (int d : new int[] {shape.channels(), shape.height(), shape.width()}) {
            dims.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(INPUT).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(dims))).build();
    }

    private static ONNXRef<?> activation(ONNXContext ctx, ONNXRef<?> x, Activation activation, String name) {
        return switch (activation) {
            case RELU -> ctx.operation(OnnxOps.RELU, List.of(x), name + "_relu");
            case TANH -> ctx.operation(OnnxOps.TANH, List.of(x), name + "_tanh");
            case SIGMOID -> ctx.operation(ONNXOperators.SIGMOID, List.of(x), name + "_sigmoid");
            // DL4J's hard sigmoid: min(1, max(0, 0.2 x + 0.5))
            case HARD_SIGMOID -> ctx.operation(OnnxOps.HARD_SIGMOID, List.of(x), name + "_hard_sigmoid",
                    Map.of("alpha", 0.2f, "beta", 0.5f));
            case LEAKY_RELU -> ctx.operation(OnnxOps.LEAKY_RELU, List.of(x), name + "_leaky_relu",
                    Map.of("alpha", (float) org.evocnn.training.dl4j.NetworkFactory.LEAKY_RELU_ALPHA));
            case LINEAR -> x;
        };
    }

    /** A parameter array with its own shape, values in row-major order. */
    private static ONNXInitializer tensor(ONNXContext ctx, String name, INDArray values) {
        float[] data = values.dup('c').data().asFloat();
        List<Integer> dims = Arrays.stream(values.shape()).mapToInt(Math::toIntExact).boxed().toList();
        return ctx.floatTensor(name, dims, buffer -> buffer.put(data));
    }

    /** A bias (DL4J keeps it as 1 x n) as the vector ONNX wants. */
    private static ONNXInitializer vector(ONNXContext ctx, String name, INDArray values) {
        float[] data = values.dup('c').data().asFloat();
        return ctx.floatTensor(name, List.of(data.length), buffer -> buffer.put(data));
    }
}
