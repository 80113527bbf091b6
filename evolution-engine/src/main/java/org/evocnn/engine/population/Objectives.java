package org.evocnn.engine.population;

import org.evocnn.model.genome.FieldException;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in objectives: the paper's mean cross-validation loss (lower is better, the default) and GAKeras'
 * accuracy (higher is better). Ties go to the earlier evaluation, so orderings are deterministic.
 */
public final class Objectives {

    public static final Objective LOSS = scalar("loss",
            Comparator.comparingDouble(Individual::loss), (i, target) -> i.loss() <= target);

    public static final Objective ACCURACY = scalar("accuracy",
            Comparator.comparingDouble(Individual::accuracy).reversed(), (i, target) -> i.accuracy() >= target);

    private static final List<Objective> ALL = List.of(LOSS, ACCURACY);

    private Objectives() {
    }

    /** The objective of a name, ignoring case. @throws FieldException naming the known objectives */
    public static Objective byName(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(o -> o.name().equals(key)).findFirst()
                .orElseThrow(() -> new FieldException("objective", "unknown objective '" + name + "', known: "
                        + ALL.stream().map(Objective::name).collect(Collectors.joining(", "))));
    }

    private static Objective scalar(String name, Comparator<Individual> byValue, Scalar.Target target) {
        return new Scalar(name, byValue.thenComparingLong(Individual::sequence), target);
    }

    /** A single-valued objective ranked by that value, then by sequence. */
    private record Scalar(String name, Comparator<Individual> bestFirst, Target target) implements Objective {

        interface Target {
            boolean reached(Individual individual, double target);
        }

        @Override
        public boolean reached(Individual individual, double value) {
            return target.reached(individual, value);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
