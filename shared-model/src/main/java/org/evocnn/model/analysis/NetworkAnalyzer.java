package org.evocnn.model.analysis;

import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape inference, parameter count and FLOPs for a genome, following the layer conventions of the paper's Keras code:
 * conv stride 1, max-pool stride = pool size, an implicit flatten before the dense part, a softmax output appended.
 * A pool or valid convolution that would shrink a side below 1 makes the genome invalid (it is not skipped).
 */
public final class NetworkAnalyzer {

    /** MNIST and Fashion-MNIST have ten classes. */
    public static final int DEFAULT_CLASSES = 10;

    private NetworkAnalyzer() {
    }

    /** Analysis for 28x28x1 inputs and 10 classes. */
    public static Architecture analyze(Genome genome) {
        return analyze(genome, InputShape.MNIST, DEFAULT_CLASSES);
    }

    public static Architecture analyze(Genome genome, InputShape input, int classes) {
        List<Violation> problems = new ArrayList<>(GenomeValidator.validate(genome, input));
        if (classes < 2) {
            problems.add(new Violation("classes", classes + " is outside 2..2147483647"));
        }
        List<LayerInfo> layers = new ArrayList<>(genome.blockCount() * 2 + 2);
        if (!problems.isEmpty()) {
            return new Architecture(genome, input, classes, layers, 0, 0, 0, 0, problems);
        }
        int h = input.height();
        int w = input.width();
        int c = input.channels();
        long params = 0;
        long flops = 0;
        long activations = (long) h * w * c;
        long workspace = 0;
        int convCount = 0;
        int poolCount = 0;
        List<ConvPartBlock> conv = genome.convPart();
        for (int i = 0; i < conv.size(); i++) {
            ConvPartBlock block = conv.get(i);
            Padding padding = block.effectivePadding();
            if (block instanceof ConvBlock cb) {
                int k = cb.kernelSize();
                int oh = padding.outputSide(h, k, 1);
                int ow = padding.outputSide(w, k, 1);
                if (oh < 1 || ow < 1) {
                    problems.add(new Violation("conv[" + i + "]", "kernel " + k + "x" + k + " does not fit its "
                            + h + "x" + w + " input with valid padding"));
                    break;
                }
                long p = (long) k * k * c * cb.filters() + cb.filters();
                long f = 2L * k * k * c * cb.filters() * oh * ow;
                workspace = Math.max(workspace, (long) oh * ow * k * k * c);
                h = oh;
                w = ow;
                c = cb.filters();
                activations += (long) h * w * c;
                layers.add(new LayerInfo("conv2d_" + (++convCount), "Conv2D", List.of(h, w, c), p, f));
                params += p;
                flops += f;
            } else {
                int s = ((PoolBlock) block).poolSize();
                int oh = padding.outputSide(h, s, s);
                int ow = padding.outputSide(w, s, s);
                if (oh < 1 || ow < 1) {
                    problems.add(new Violation("conv[" + i + "]", "pool " + s + "x" + s + " shrinks its "
                            + h + "x" + w + " input below 1x1"));
                    break;
                }
                h = oh;
                w = ow;
                activations += (long) h * w * c;
                layers.add(new LayerInfo("max_pooling2d_" + (++poolCount), "MaxPooling2D", List.of(h, w, c), 0, 0));
            }
        }
        if (!problems.isEmpty()) {
            return new Architecture(genome, input, classes, layers, params, flops, 0, 0, problems);
        }
        long units = (long) h * w * c;
        layers.add(new LayerInfo("flatten_1", "Flatten", List.of((int) units), 0, 0));
        int denseCount = 0;
        int dropoutCount = 0;
        for (DenseBlock d : genome.densePart()) {
            long p = units * d.size() + d.size();
            long f = 2L * units * d.size();
            layers.add(new LayerInfo("dense_" + (++denseCount), "Dense", List.of(d.size()), p, f));
            activations += d.size();
            if (d.dropout() > 0) {
                layers.add(new LayerInfo("dropout_" + (++dropoutCount), "Dropout", List.of(d.size()), 0, 0));
            }
            params += p;
            flops += f;
            units = d.size();
        }
        long p = units * classes + classes;
        long f = 2L * units * classes;
        layers.add(new LayerInfo("dense_" + (++denseCount), "Dense", List.of(classes), p, f));
        params += p;
        flops += f;
        activations += classes;
        return new Architecture(genome, input, classes, layers, params, flops, activations, workspace, problems);
    }
}
