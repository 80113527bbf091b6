package org.evocnn.engine.operators;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Options drawn with probability proportional to their weights (one uniform draw per choice). Operators are kept in
 * such lists, so a new operator is one more entry, not another case of a switch.
 */
public final class WeightedChoice<T> {

    private final List<T> options;
    private final double[] weights;
    private final double total;

    private WeightedChoice(List<T> options, double[] weights) {
        this.options = List.copyOf(options);
        this.weights = weights;
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0 && Double.isFinite(w))) {
                throw new IllegalArgumentException("weights must be finite and non-negative");
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        this.total = sum;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** An option, with probability weight / total. */
    public T draw(RandomGenerator rng) {
        double x = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return options.get(i);
            }
        }
        // rounding left x at 0: the last option with a positive weight
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return options.get(i);
            }
        }
        throw new IllegalStateException("no positive weight");
    }

    /** Adds options in order; the order is part of what a seed reproduces. */
    public static final class Builder<T> {
        private final List<T> options = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        public Builder<T> add(double weight, T option) {
            options.add(option);
            weights.add(weight);
            return this;
        }

        public WeightedChoice<T> build() {
            return new WeightedChoice<>(options, weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
