package org.evocnn.engine.population;

import org.evocnn.model.genome.FieldException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The built-in objectives: the paper's mean cross-validation loss (lower is better, the default), GAKeras' accuracy
 * (higher is better), the loss penalised by size ({@code loss + λ · log10(params)}: the paper's conclusion asks for
 * "a further discrimination of larger networks in fitness function"), and a Pareto ranking over loss and size
 * (NSGA-II). Ties go to the earlier evaluation, so orderings are deterministic.
 */
public final class Objectives {

    /** What a size-aware objective measures a network by. */
    public enum Size {
        PARAMS("params", Individual::trainableParams),
        FLOPS("flops", Individual::flops);

        private final String label;
        private final ToDoubleFunction<Individual> measure;

        Size(String label, ToDoubleFunction<Individual> measure) {
            this.label = label;
            this.measure = measure;
        }

        public String label() {
            return label;
        }

        public double of(Individual individual) {
            return measure.applyAsDouble(individual);
        }

        /** @throws FieldException naming the known sizes */
        public static Size byLabel(String label) {
            for (Size size : values()) {
                if (size.label.equalsIgnoreCase(label)) {
                    return size;
                }
            }
            throw new FieldException("paretoSize", "unknown size '" + label + "', allowed: params, flops");
        }
    }

    /** The default λ of {@link #penalisedLoss}: 0.05 per tenfold parameters. */
    public static final double DEFAULT_SIZE_PENALTY = 0.05;

    public static final Objective LOSS = scalar("loss",
            Comparator.comparingDouble(Individual::loss), (i, target) -> i.loss() <= target);

    public static final Objective ACCURACY = scalar("accuracy",
            Comparator.comparingDouble(Individual::accuracy).reversed(), (i, target) -> i.accuracy() >= target);

    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("loss", "accuracy", "penalised-loss", "pareto");

    private Objectives() {
    }

    /** {@code loss + λ · log10(params)}, lower is better; a target is in the same terms. */
    public static Objective penalisedLoss(double lambda) {
        return new PenalisedLoss(lambda);
    }

    /** NSGA-II over (loss, size), both minimised; the single best is the lowest loss, a target is a loss. */
    public static Objective pareto(Size size) {
        return new Pareto(size);
    }

    /**
     * The objective of a name, ignoring case, with the parameters the size-aware ones take.
     *
     * @throws FieldException naming the known objectives
     */
    public static Objective byName(String name, double sizePenalty, Size paretoSize) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "loss" -> LOSS;
            case "accuracy" -> ACCURACY;
            case "penalised-loss" -> penalisedLoss(sizePenalty);
            case "pareto" -> pareto(paretoSize);
            default -> throw new FieldException("objective", "unknown objective '" + name + "', known: "
                    + String.join(", ", NAMES));
        };
    }

    /** The objectives without parameters, by name. */
    public static Objective byName(String name) {
        return byName(name, DEFAULT_SIZE_PENALTY, Size.PARAMS);
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

    /** {@code loss + λ · log10(params)}: a scalar objective that prices size. */
    public record PenalisedLoss(double lambda) implements Objective {

        public PenalisedLoss {
            if (!(lambda >= 0 && Double.isFinite(lambda))) {
                throw new FieldException("sizePenalty", lambda + " is not a finite non-negative number");
            }
        }

        /** The value ranked by. */
        public double value(Individual i) {
            return i.loss() + lambda * Math.log10(Math.max(1, i.trainableParams()));
        }

        @Override
        public double screeningKey(double predictedLoss, long trainableParams, long flops) {
            return predictedLoss + lambda * Math.log10(Math.max(1, trainableParams));
        }

        @Override
        public String name() {
            return "penalised-loss";
        }

        @Override
        public Comparator<Individual> bestFirst() {
            return Comparator.comparingDouble(this::value).thenComparingLong(Individual::sequence);
        }

        @Override
        public boolean reached(Individual individual, double target) {
            return value(individual) <= target;
        }
    }

    /** Pareto ranking over loss and a size: lower front first, then larger crowding distance, then sequence. */
    public record Pareto(Size size) implements Objective {

        private static final Comparator<Individual> BY_LOSS = Comparator.comparingDouble(Individual::loss)
                .thenComparingLong(Individual::sequence);

        @Override
        public String name() {
            return "pareto";
        }

        @Override
        public Comparator<Individual> bestFirst() {
            return BY_LOSS;
        }

        @Override
        public boolean reached(Individual individual, double target) {
            return individual.loss() <= target;
        }

        @Override
        public boolean scalar() {
            return false;
        }

        @Override
        public List<Individual> rank(List<Individual> individuals) {
            double[][] points = new double[individuals.size()][];
            for (int i = 0; i < points.length; i++) {
                points[i] = new double[] {individuals.get(i).loss(), size.of(individuals.get(i))};
            }
            ParetoRanking ranking = ParetoRanking.of(points);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingInt(ranking::front)
                    .thenComparing(Comparator.<Integer>comparingDouble(ranking::crowding).reversed())
                    .thenComparingLong(i -> individuals.get(i).sequence()));
            return order.stream().map(individuals::get).toList();
        }

        /** The non-dominated individuals, lowest loss first. */
        public List<Individual> front(List<Individual> individuals) {
            return frontOf(individuals, size);
        }

        @Override
        public String toString() {
            return "pareto(" + size.label() + ")";
        }
    }

    /** The individuals no other dominates in (loss, size), lowest loss first. */
    public static List<Individual> frontOf(List<Individual> individuals, Size size) {
        return individuals.stream().filter(a -> individuals.stream().noneMatch(b -> ParetoRanking.dominates(
                        new double[] {b.loss(), size.of(b)}, new double[] {a.loss(), size.of(a)})))
                .sorted(Comparator.comparingDouble(Individual::loss).thenComparingLong(Individual::sequence))
                .toList();
    }
}
