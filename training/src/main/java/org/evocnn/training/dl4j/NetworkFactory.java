package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.message.TrainingTask;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * Genome -> DL4J network, one builder block per gene, as Keras would build it: conv stride 1 (same padding unless the
 * gene says valid), max-pool stride = pool size (valid unless same), Glorot-uniform weights, a softmax output with
 * categorical cross-entropy. Keras' Dropout after a dense layer drops that layer's outputs; DL4J's {@code dropOut}
 * acts on a layer's inputs and takes the retain probability, so block i's drop rate d becomes
 * {@code dropOut(1 - d)} on the layer after it.
 */
public final class NetworkFactory {

    /** Keras' LeakyReLU default slope (the paper's Fashion-MNIST baseline). */
    public static final double LEAKY_RELU_ALPHA = 0.3;

    private NetworkFactory() {
    }

    /** A fresh, initialised network. */
    public static MultiLayerNetwork build(Genome genome, TrainingTask task, InputShape input, int classes) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(genome, task, input, classes));
        network.init();
        return network;
    }

    /** The network's configuration; the updater is the genome's own (its training genes) when it has them. */
    public static MultiLayerConfiguration configuration(Genome genome, TrainingTask task, InputShape input, int classes) {
        Backend.init();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(task.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(task.trainedWith(genome.training())))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        for (ConvPartBlock block : genome.convPart()) {
            ConvolutionMode mode = block.effectivePadding() == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
            if (block instanceof ConvBlock c) {
                layers.layer(new ConvolutionLayer.Builder(c.kernelSize(), c.kernelSize())
                        .stride(1, 1)
                        .nOut(c.filters())
                        .activation(activation(c.activation()))
                        .convolutionMode(mode)
                        .build());
            } else {
                int s = ((PoolBlock) block).poolSize();
                layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(s, s)
                        .stride(s, s)
                        .convolutionMode(mode)
                        .build());
            }
        }
        double dropBefore = 0;
        List<DenseBlock> dense = genome.densePart();
        for (DenseBlock d : dense) {
            DenseLayer.Builder builder = new DenseLayer.Builder()
                    .nOut(d.size())
                    .activation(activation(d.activation()));
            if (dropBefore > 0) {
                builder.dropOut(1 - dropBefore);
            }
            layers.layer(builder.build());
            dropBefore = d.dropout();
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(new ActivationSoftmax());
        if (dropBefore > 0) {
            output.dropOut(1 - dropBefore);
        }
        layers.layer(output.build());
        return layers.setInputType(InputType.convolutionalFlat(input.height(), input.width(), input.channels())).build();
    }

    static IActivation activation(org.evocnn.model.genome.Activation activation) {
        return switch (activation) {
            case RELU -> new ActivationReLU();
            case TANH -> new ActivationTanH();
            case SIGMOID -> new ActivationSigmoid();
            case HARD_SIGMOID -> new ActivationHardSigmoid();
            case LINEAR -> new ActivationIdentity();
            case LEAKY_RELU -> new ActivationLReLU(LEAKY_RELU_ALPHA);
        };
    }

    /** Keras' defaults: RMSprop rho 0.9 and epsilon 1e-7; Adam beta 0.9/0.999, epsilon 1e-7; SGD with Nesterov
     * momentum 0.9. */
    static IUpdater updater(TrainingTask task) {
        return switch (task.optimizer()) {
            case RMSPROP -> new RmsProp(task.learningRate(), 0.9, 1e-7);
            case ADAM -> new Adam(task.learningRate(), 0.9, 0.999, 1e-7);
            case SGD -> new Nesterovs(task.learningRate(), 0.9);
        };
    }
}
