package org.evocnn.training.dl4j;

import org.evocnn.training.data.LabeledImages;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sample selection for cross-validation: stratified subsets, shuffles and k-fold splits. Seeded, so repeatable. */
public final class Folds {

    /** One fold: the indices to train on and the indices to validate on. */
    public record Fold(int[] train, int[] validation) {
    }

    private Folds() {
    }

    /**
     * A stratified sample of {@code size} indices (each class in proportion to its share, largest remainders first),
     * shuffled; all indices, shuffled, when size is 0 or not smaller than the data.
     */
    public static int[] subset(LabeledImages data, int size, long seed) {
        Random rng = new Random(seed);
        if (size <= 0 || size >= data.size()) {
            return shuffled(identity(data.size()), rng);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        int[] quota = new int[data.classes()];
        double[] remainder = new double[data.classes()];
        int assigned = 0;
        for (int c = 0; c < quota.length; c++) {
            double exact = (double) size * byClass.get(c).size() / data.size();
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < size) {
            int best = 0;
            for (int c = 1; c < quota.length; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        int[] chosen = new int[size];
        int at = 0;
        for (int c = 0; c < quota.length; c++) {
            List<Integer> members = byClass.get(c);
            java.util.Collections.shuffle(members, rng);
            for (int i = 0; i < quota[c]; i++) {
                chosen[at++] = members.get(i);
            }
        }
        return shuffled(chosen, rng);
    }

    /**
     * k folds over {@code indices} (already shuffled): position p validates in fold p mod k, so every sample is
     * validated exactly once and fold sizes differ by at most one.
     */
    public static List<Fold> kFold(int[] indices, int k) {
        if (k < 2 || k > indices.length) {
            throw new IllegalArgumentException(k + " folds for " + indices.length + " samples");
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int validationSize = (indices.length - f + k - 1) / k;
            int[] validation = new int[validationSize];
            int[] train = new int[indices.length - validationSize];
            int v = 0;
            int t = 0;
            for (int p = 0; p < indices.length; p++) {
                if (p % k == f) {
                    validation[v++] = indices[p];
                } else {
                    train[t++] = indices[p];
                }
            }
            folds.add(new Fold(train, validation));
        }
        return folds;
    }

    /** 0, 1, ..., n - 1. */
    public static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** A shuffled copy (Fisher-Yates). */
    static int[] shuffled(int[] indices, Random rng) {
        int[] copy = indices.clone();
        for (int i = copy.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = copy[i];
            copy[i] = copy[j];
            copy[j] = tmp;
        }
        return copy;
    }
}
