package org.evocnn.engine.operators;

import java.util.random.RandomGenerator;

/** Draws an index with probability proportional to its weight. */
final class Weighted {

    private Weighted() {
    }

    static int pick(RandomGenerator rng, double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        // rounding left x at 0: the last positive weight
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no positive weight");
    }
}
