package org.evocnn.training.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX operators a network of the search space needs beyond those Tribuo defines (its enum has Gemm, Sigmoid and
 * Softmax, not convolutions, pooling or most activations), at the opset Tribuo writes (13).
 */
enum OnnxOps implements ONNXOperator {
    CONV("Conv", 2, 1, List.of(ints("kernel_shape"), ints("strides"), string("auto_pad"))),
    MAX_POOL("MaxPool", 1, 0, List.of(ints("kernel_shape"), ints("strides"), string("auto_pad"))),
    FLATTEN("Flatten", 1, 0, List.of(new ONNXAttribute("axis", AttributeType.INT, false))),
    RELU("Relu", 1, 0, List.of()),
    TANH("Tanh", 1, 0, List.of()),
    LEAKY_RELU("LeakyRelu", 1, 0, List.of(real("alpha"))),
    HARD_SIGMOID("HardSigmoid", 1, 0, List.of(real("alpha"), real("beta")));

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String opName, int inputs, int optionalInputs, List<ONNXAttribute> attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
        attributes.forEach(a -> byName.put(a.getName(), a));
        this.attributes = Collections.unmodifiableMap(byName);
    }

    private static ONNXAttribute ints(String name) {
        return new ONNXAttribute(name, AttributeType.INTS, false);
    }

    private static ONNXAttribute string(String name) {
        return new ONNXAttribute(name, AttributeType.STRING, false);
    }

    private static ONNXAttribute real(String name) {
        return new ONNXAttribute(name, AttributeType.FLOAT, false);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    @Override
    public String getOpDomain() {
        return ONNXOperators.GEMM.getOpDomain();
    }
}
