package org.evocnn.engine.operators;

import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.LayerSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where each layer of an offspring comes from, for weight inheritance (Real et al. 2017): for every block of its conv
 * part and its dense part, and for its softmax output layer, the parent (by evaluation sequence) and that parent's
 * block it was copied from, or {@link LayerSource#FRESH} for a block crossover or mutation made new. Crossover takes each
 * block from the parent whose segment holds it (the output layer from the parent of the last dense block). A
 * mutation that only resizes a block (dense units, filters) or changes its dropout keeps its source: the evaluator
 * keeps the units that survive (docs/inheritance.md); any other mutated block (kernel, activation, pool size, a redraw)
 * and an added block are fresh; a deleted block is gone and the others keep their sources. Whether a source's weights
 * fit is the evaluator's to check (a layer whose input changed has another shape).
 */
public record Inheritance(List<LayerSource> conv, List<LayerSource> dense, LayerSource output) {

    /** A random genome: every layer fresh. */
    public static final Inheritance NONE = new Inheritance(List.of(), List.of(), LayerSource.FRESH);

    public Inheritance {
        conv = List.copyOf(conv);
        dense = List.copyOf(dense);
        Objects.requireNonNull(output, "output");
    }

    /** Every layer of {@code genome} from the same layer of {@code parent}. */
    public static Inheritance copyOf(long parent, Genome genome) {
        int conv = genome.convPart().size();
        int dense = genome.densePart().size();
        return new Inheritance(layers(parent, 0, conv), layers(parent, conv, dense),
                new LayerSource(parent, conv + dense));
    }

    /**
     * The first offspring of a crossover of {@code a} and {@code b} (sequences) at the cuts it was made with: the
     * head of each part from a, the tail from b.
     */
    public static Inheritance crossover(long a, Genome first, long b, Genome second, Crossover.Offspring cuts) {
        int aConv = first.convPart().size();
        int bConv = second.convPart().size();
        List<LayerSource> conv = new ArrayList<>(layers(a, 0, cuts.convCut1()));
        conv.addAll(layers(b, cuts.convCut2(), bConv - cuts.convCut2()));
        List<LayerSource> dense = new ArrayList<>(layers(a, aConv, cuts.denseCut1()));
        dense.addAll(layers(b, bConv + cuts.denseCut2(), second.densePart().size() - cuts.denseCut2()));
        LayerSource output = cuts.denseCut2() < second.densePart().size()
                ? new LayerSource(b, bConv + second.densePart().size())
                : new LayerSource(a, aConv + first.densePart().size());
        return new Inheritance(conv, dense, output);
    }

    /** Per layer of the offspring's network (conv-part blocks, dense blocks, output), where it comes from. */
    public List<LayerSource> layers() {
        List<LayerSource> all = new ArrayList<>(conv);
        all.addAll(dense);
        all.add(output);
        return all;
    }

    /** After a mutation: a resized block keeps its source, another changed one and an added one are fresh, a deleted
     * one is gone. */
    public Inheritance after(Mutation.Mutated mutated) {
        if (mutated.index() < 0 || mutated.part() == Part.TRAINING) {
            return this;
        }
        List<LayerSource> changed = new ArrayList<>(mutated.part() == Part.CONV ? conv : dense);
        switch (mutated.operator()) {
            case ADD_LAYER -> changed.add(mutated.index(), LayerSource.FRESH);
            case DEL_LAYER -> changed.remove(mutated.index());
            case CHANGE_LAYER_SIZE, CHANGE_NUMBER_OF_FILTERS, CHANGE_DROPOUT -> { } // resized: survivors kept
            default -> changed.set(mutated.index(), LayerSource.FRESH);
        }
        return mutated.part() == Part.CONV ? new Inheritance(changed, dense, output)
                : new Inheritance(conv, changed, output);
    }

    /** The parents some layer comes from, each once, in the order of the layers. */
    public List<Long> parents() {
        return layers().stream().filter(s -> !s.fresh()).map(LayerSource::parent).distinct().toList();
    }

    /** Whether any layer comes from a parent. */
    public boolean inherits() {
        return !output.fresh() || conv.stream().anyMatch(s -> !s.fresh()) || dense.stream().anyMatch(s -> !s.fresh());
    }

    private static List<LayerSource> layers(long parent, int from, int n) {
        List<LayerSource> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(new LayerSource(parent, from + i));
        }
        return sources;
    }
}
