package org.evocnn.engine.space;

import org.evocnn.model.genome.FieldException;

import java.util.random.RandomGenerator;

/** An inclusive range of integers, e.g. filters 10..50. */
public record IntRange(int min, int max) {

    public IntRange {
        if (min > max) {
            throw new FieldException("min", min + " is greater than max " + max);
        }
    }

    public static IntRange of(int min, int max) {
        return new IntRange(min, max);
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    public int clamp(long value) {
        return (int) Math.max(min, Math.min(max, value));
    }

    /** A uniformly drawn member. */
    public int draw(RandomGenerator rng) {
        return min == max ? min : rng.nextInt(min, max + 1);
    }

    /** A uniformly drawn member other than {@code current}, or {@code current} when the range holds nothing else. */
    public int drawOther(int current, RandomGenerator rng) {
        if (!contains(current)) {
            return draw(rng);
        }
        if (min == max) {
            return current;
        }
        int value = rng.nextInt(min, max);
        return value >= current ? value + 1 : value;
    }

    @Override
    public String toString() {
        return min + ".." + max;
    }
}
