package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.model.genome.LayerSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Lamarckian weight inheritance (Real et al. 2017): a freshly initialised network takes, layer by layer, the trained
 * weights of the parent layer its {@link LayerSource} names. A layer of the same shape takes them whole. A layer of
 * the same kind whose only differences are its number of units (filters) or of inputs takes the overlap, so that a
 * resized layer keeps its surviving units and the layer after it keeps their weights: its own new units start from
 * their fresh initialisation, and the weights from new inputs (units new in the layer below) start at zero, which
 * leaves the parent's function unchanged at the start (function-preserving widening, as Net2Net's zero-padding
 * variant, Chen et al. 2016). Anything else keeps its initialisation: a fresh source, another kernel, a first dense
 * layer whose flattened input has another height or width (its inputs no longer line up), a missing parent. Layers
 * without parameters inherit nothing; the optimizer's state is not inherited.
 */
public final class WeightInheritance {

    /**
     * What was inherited: layers that took parent weights (whole or in part), the parameters copied, and the parents
     * (by sequence) that gave at least one layer.
     */
    public record Inherited(int layers, long params, Set<Long> from) {
        public static final Inherited NONE = new Inherited(0, 0, Set.of());

        public Inherited {
            from = Set.copyOf(from);
        }
    }

    private WeightInheritance() {
    }

    /**
     * Copies into {@code child} the weights its sources name.
     *
     * @param sources one per layer of the child, in order
     * @param parents the parents' trained networks by sequence; null for one that is not at hand
     */
    public static Inherited inherit(MultiLayerNetwork child, List<LayerSource> sources,
                                    LongFunction<MultiLayerNetwork> parents) {
        if (sources.size() != child.getnLayers()) {
            throw new IllegalArgumentException(sources.size() + " layer sources for a network of "
                    + child.getnLayers() + " layers");
        }
        int layers = 0;
        long params = 0;
        Set<Long> givers = new TreeSet<>();
        for (int i = 0; i < sources.size(); i++) {
            LayerSource source = sources.get(i);
            if (source.fresh()) {
                continue;
            }
            MultiLayerNetwork parent = parents.apply(source.parent());
            if (parent == null || source.layer() < 0 || source.layer() >= parent.getnLayers()) {
                continue;
            }
            Layer to = child.getLayer(i);
            Layer from = parent.getLayer(source.layer());
            if (to.numParams() == 0 || from.numParams() == 0
                    || !to.conf().getLayer().getClass().equals(from.conf().getLayer().getClass())
                    || !inputsLineUp(child.getLayerWiseConfigurations().getInputPreProcess(i),
                    parent.getLayerWiseConfigurations().getInputPreProcess(source.layer()))) {
                continue;
            }
            long copied = copy(from.paramTable(), to);
            if (copied > 0) {
                layers++;
                params += copied;
                givers.add(source.parent());
            }
        }
        return new Inherited(layers, params, givers);
    }

    /** A dense layer after the conv part reads a flattened volume: channels may differ, height and width not. */
    private static boolean inputsLineUp(InputPreProcessor child, InputPreProcessor parent) {
        if (child instanceof CnnToFeedForwardPreProcessor c && parent instanceof CnnToFeedForwardPreProcessor p) {
            return c.getInputHeight() == p.getInputHeight() && c.getInputWidth() == p.getInputWidth();
        }
        return (child == null) == (parent == null);
    }

    /** Copies every parameter (whole, or its overlap); 0 when one of them cannot be lined up. */
    private static long copy(Map<String, INDArray> from, Layer to) {
        Map<String, INDArray> target = to.paramTable();
        if (!target.keySet().equals(from.keySet())) {
            return 0;
        }
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            if (overlap(from.get(e.getKey()), e.getValue()) == null) {
                return 0;
            }
        }
        long copied = 0;
        for (Map.Entry<String, INDArray> e : target.entrySet()) {
            INDArray source = from.get(e.getKey());
            INDArray dest = e.getValue().dup();
            INDArrayIndex[] at = Objects.requireNonNull(overlap(source, dest));
            INDArray kept = source.get(at);
            dest.put(at, kept);
            copied += kept.length();
            int in = inputDimension(dest);
            if (in >= 0 && dest.size(in) > source.size(in)) { // new inputs: zero weights, the parent's function kept
                INDArrayIndex[] fresh = all(dest.rank());
                fresh[in] = NDArrayIndex.interval(source.size(in), dest.size(in));
                dest.put(fresh, dest.get(fresh).mul(0));
            }
            to.setParam(e.getKey(), dest);
        }
        return copied;
    }

    /**
     * The index of the overlap of two parameters that line up: the same rank and the same sizes in every dimension
     * but units and inputs (a kernel's height and width must agree); null otherwise.
     */
    private static INDArrayIndex[] overlap(INDArray from, INDArray to) {
        if (from.rank() != to.rank()) {
            return null;
        }
        int in = inputDimension(to);
        int units = unitDimension(to);
        INDArrayIndex[] at = new INDArrayIndex[to.rank()];
        for (int d = 0; d < to.rank(); d++) {
            if (from.size(d) != to.size(d) && d != in && d != units) {
                return null;
            }
            at[d] = NDArrayIndex.interval(0, Math.min(from.size(d), to.size(d)));
        }
        return at;
    }

    /** Dense weights [in, out], convolution weights [out, in, kH, kW], biases [1, out]. */
    private static int inputDimension(INDArray p) {
        return p.rank() == 4 ? 1 : p.rank() == 2 && p.size(0) > 1 ? 0 : -1;
    }

    private static int unitDimension(INDArray p) {
        return p.rank() == 4 ? 0 : p.rank() - 1;
    }

    private static INDArrayIndex[] all(int rank) {
        INDArrayIndex[] at = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) {
            at[d] = NDArrayIndex.all();
        }
        return at;
    }
}
