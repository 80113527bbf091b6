package org.evocnn.engine.surrogate;

import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.TrainingGenes;

import java.util.ArrayList;
import java.util.List;

/**
 * What the surrogate sees of a genome: depth of each part, size and cost (log10 parameters and FLOPs), per-part mean
 * and max layer sizes, kernel and pool sizes, the share of each activation, drop rates, and the training genes when
 * the genome has them.
 */
public final class Features {

    private static final Activation[] ACTIVATIONS = Activation.values();
    private static final Optimizer[] OPTIMIZERS = Optimizer.values();

    public static final List<String> NAMES = names();

    private Features() {
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(List.of("convolutions", "pools", "denseLayers", "log10Params", "log10Flops",
                "meanFilters", "maxFilters", "meanKernel", "maxKernel", "meanPool", "meanDense", "maxDense",
                "meanDropout", "maxDropout"));
        for (Activation a : ACTIVATIONS) {
            n.add("share_" + a.keras());
        }
        n.add("log10LearningRate");
        n.add("log2BatchSize");
        for (Optimizer o : OPTIMIZERS) {
            n.add("optimizer_" + o.wire());
        }
        return List.copyOf(n);
    }

    /** The features of a genome whose network has {@code params} parameters and {@code flops} forward FLOPs. */
    public static double[] of(Genome genome, long params, long flops) {
        double[] f = new double[NAMES.size()];
        int conv = 0;
        int pool = 0;
        double filters = 0;
        double maxFilters = 0;
        double kernels = 0;
        double maxKernel = 0;
        double pools = 0;
        int[] activations = new int[ACTIVATIONS.length];
        for (ConvPartBlock b : genome.convPart()) {
            if (b instanceof ConvBlock c) {
                conv++;
                filters += c.filters();
                maxFilters = Math.max(maxFilters, c.filters());
                kernels += c.kernelSize();
                maxKernel = Math.max(maxKernel, c.kernelSize());
                activations[c.activation().ordinal()]++;
            } else if (b instanceof PoolBlock p) {
                pool++;
                pools += p.poolSize();
            }
        }
        double dense = 0;
        double maxDense = 0;
        double dropout = 0;
        double maxDropout = 0;
        for (DenseBlock d : genome.densePart()) {
            dense += d.size();
            maxDense = Math.max(maxDense, d.size());
            dropout += d.dropout();
            maxDropout = Math.max(maxDropout, d.dropout());
            activations[d.activation().ordinal()]++;
        }
        int denseLayers = genome.densePart().size();
        int i = 0;
        f[i++] = conv;
        f[i++] = pool;
        f[i++] = denseLayers;
        f[i++] = Math.log10(Math.max(1, params));
        f[i++] = Math.log10(Math.max(1, flops));
        f[i++] = conv == 0 ? 0 : filters / conv;
        f[i++] = maxFilters;
        f[i++] = conv == 0 ? 0 : kernels / conv;
        f[i++] = maxKernel;
        f[i++] = pool == 0 ? 0 : pools / pool;
        f[i++] = denseLayers == 0 ? 0 : dense / denseLayers;
        f[i++] = maxDense;
        f[i++] = denseLayers == 0 ? 0 : dropout / denseLayers;
        f[i++] = maxDropout;
        int layers = Math.max(1, conv + denseLayers);
        for (int a : activations) {
            f[i++] = a / (double) layers;
        }
        TrainingGenes t = genome.training();
        f[i++] = t == null ? 0 : Math.log10(t.learningRate());
        f[i++] = t == null ? 0 : Math.log(t.batchSize()) / Math.log(2);
        for (Optimizer o : OPTIMIZERS) {
            f[i++] = t != null && t.optimizer() == o ? 1 : 0;
        }
        return f;
    }
}
