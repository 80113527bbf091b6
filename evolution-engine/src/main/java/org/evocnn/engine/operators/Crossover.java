package org.evocnn.engine.operators;

import org.evocnn.model.genome.Genome;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One-point crossover on block borders (paper section 3.2), run on the conv part and on the dense part separately.
 * For parents (B1..Bk) and (C1..Cl) and cut points cp1, cp2 the offspring are (B1..Bcp1, Ccp2+1..Cl) and
 * (C1..Ccp2, Bcp1+1..Bk). A part of k >= 2 blocks is cut at cp in 1..k-1 as in the paper; a part of one block at 0 or
 * 1 (before or after it), so single-block parts still exchange material; an empty part at 0. Where both parents'
 * parts have at most one block and a part may not be empty, cp2 = cp1, which swaps or keeps the blocks.
 */
public final class Crossover {

    /** Both offspring and the cut points used (conv part, then dense part; first parent, then second). */
    public record Offspring(Genome first, Genome second, int convCut1, int convCut2, int denseCut1, int denseCut2) {
    }

    private final int minConvBlocks;
    private final double trainingSwap;

    /** @param minConvBlocks 0 when the conv part may be empty, else 1; the dense part never may */
    public Crossover(int minConvBlocks) {
        this(minConvBlocks, -1);
    }

    /**
     * @param trainingSwap probability that the offspring swap their parents' training genes (each offspring keeps
     *                     those of the parent its conv part starts with otherwise); negative when the run evolves
     *                     none, which draws nothing for them
     */
    public Crossover(int minConvBlocks, double trainingSwap) {
        this.minConvBlocks = minConvBlocks;
        this.trainingSwap = trainingSwap;
    }

    public Offspring apply(Genome a, Genome b, RandomGenerator rng) {
        int[] convCuts = cuts(a.convPart().size(), b.convPart().size(), minConvBlocks, rng);
        int[] denseCuts = cuts(a.densePart().size(), b.densePart().size(), 1, rng);
        boolean swap = trainingSwap >= 0 && rng.nextDouble() < trainingSwap;
        Genome first = new Genome(
                join(a.convPart(), convCuts[0], b.convPart(), convCuts[1]),
                join(a.densePart(), denseCuts[0], b.densePart(), denseCuts[1]),
                swap ? b.training() : a.training());
        Genome second = new Genome(
                join(b.convPart(), convCuts[1], a.convPart(), convCuts[0]),
                join(b.densePart(), denseCuts[1], a.densePart(), denseCuts[0]),
                swap ? a.training() : b.training());
        return new Offspring(first, second, convCuts[0], convCuts[1], denseCuts[0], denseCuts[1]);
    }

    static int[] cuts(int k, int l, int minBlocks, RandomGenerator rng) {
        int cp1 = cutPoint(k, rng);
        int cp2 = cutPoint(l, rng);
        if (minBlocks > 0 && k <= 1 && l <= 1) {
            cp2 = Math.min(cp1, l);
        }
        return new int[] {cp1, cp2};
    }

    private static int cutPoint(int blocks, RandomGenerator rng) {
        if (blocks >= 2) {
            return rng.nextInt(1, blocks);
        }
        return blocks == 1 ? rng.nextInt(2) : 0;
    }

    /** head(first, cut1) + tail(second, cut2). */
    private static <T> List<T> join(List<T> first, int cut1, List<T> second, int cut2) {
        List<T> child = new ArrayList<>(cut1 + second.size() - cut2);
        child.addAll(first.subList(0, cut1));
        child.addAll(second.subList(cut2, second.size()));
        return child;
    }
}
