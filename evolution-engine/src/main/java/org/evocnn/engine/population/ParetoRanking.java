package org.evocnn.engine.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NSGA-II's ranking (Deb et al. 2002) of points to minimise in every coordinate: fast non-dominated sorting into
 * fronts (front 0 is non-dominated; front k is dominated only by fronts before it), and within each front the
 * crowding distance (the sum over coordinates of the normalised gap between a point's neighbours; the extreme
 * points of each coordinate get infinity). Equal points do not dominate each other and share a front.
 */
public final class ParetoRanking {

    private final int[] front;
    private final double[] crowding;
    private final int fronts;

    private ParetoRanking(int[] front, double[] crowding, int fronts) {
        this.front = front;
        this.crowding = crowding;
        this.fronts = fronts;
    }

    /** Ranks points given as {@code points[i][objective]}, all minimised. */
    public static ParetoRanking of(double[][] points) {
        int n = points.length;
        int[] front = new int[n];
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>(n);
        List<Integer> current = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            dominates.add(new ArrayList<>());
            for (int q = 0; q < n; q++) {
                if (dominates(points[p], points[q])) {
                    dominates.get(p).add(q);
                } else if (dominates(points[q], points[p])) {
                    dominatedBy[p]++;
                }
            }
            if (dominatedBy[p] == 0) {
                current.add(p);
            }
        }
        int rank = 0;
        double[] crowding = new double[n];
        while (!current.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int p : current) {
                front[p] = rank;
                for (int q : dominates.get(p)) {
                    if (--dominatedBy[q] == 0) {
                        next.add(q);
                    }
                }
            }
            crowd(points, current, crowding);
            current = next;
            rank++;
        }
        return new ParetoRanking(front, crowding, rank);
    }

    /** Whether a is no worse than b in every coordinate and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    private static void crowd(double[][] points, List<Integer> members, double[] crowding) {
        if (members.size() <= 2) {
            members.forEach(m -> crowding[m] = Double.POSITIVE_INFINITY);
            return;
        }
        for (int objective = 0; objective < points[members.get(0)].length; objective++) {
            int o = objective;
            Integer[] sorted = members.toArray(new Integer[0]);
            Arrays.sort(sorted, Comparator.comparingDouble(m -> points[m][o]));
            double min = points[sorted[0]][o];
            double max = points[sorted[sorted.length - 1]][o];
            crowding[sorted[0]] = Double.POSITIVE_INFINITY;
            crowding[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
            if (max == min) {
                continue;
            }
            for (int i = 1; i < sorted.length - 1; i++) {
                crowding[sorted[i]] += (points[sorted[i + 1]][o] - points[sorted[i - 1]][o]) / (max - min);
            }
        }
    }

    /** The front of point i, 0 for the non-dominated. */
    public int front(int i) {
        return front[i];
    }

    public double crowding(int i) {
        return crowding[i];
    }

    /** How many fronts there are. */
    public int fronts() {
        return fronts;
    }
}
