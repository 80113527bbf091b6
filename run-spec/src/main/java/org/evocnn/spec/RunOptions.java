package org.evocnn.spec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import org.evocnn.engine.fidelity.MedianStoppingRule;
import org.evocnn.engine.fidelity.Rung;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.process.Mode;
import org.evocnn.engine.process.Termination;
import org.evocnn.engine.space.IntRange;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.TrainingSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.TrainingTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every run option, declared once: its JSON path, type, value in a spec, named values and meaning. The JSON reader and
 * writer ({@link RunSpecJson}), the defaults (a default spec's values), the error paths, the run page's lists
 * ({@code GET /api/options}) and the tools' partial specs ({@link PartialSpec}) all come from this table;
 * {@link SpecAssembly} hands the values to the engine's builders. Objects such as the task, the variation rates or the
 * termination are one option each: their fields are their records' components.
 */
public final class RunOptions {

    private static final List<RunOption<?>> ALL = new ArrayList<>();

    public static final RunOption<String> PRESET = choice("preset", RunSpec::preset,
            "the whole spec the other fields override", List.of(
                    new RunOption.Choice("paper", "the paper's algorithm and task")));
    public static final RunOption<TrainingTask> TASK = option("task", TrainingTask.class, RunSpec::task,
            "the training every fitness evaluation does: dataset, folds, epochs, batchSize, optimizer, learningRate, "
                    + "trainingSubset (0: all), seed, timeLimitSeconds");
    public static final RunOption<String> MODE = choice("evolution.mode",
            s -> s.evolution().mode().name().toLowerCase(Locale.ROOT),
            "how candidates are made and when", List.of(
                    new RunOption.Choice("async", "asynchronous (paper)"),
                    new RunOption.Choice("sync", "synchronous"),
                    new RunOption.Choice("random", "random search"),
                    new RunOption.Choice("regularized", "regularized evolution"),
                    new RunOption.Choice("islands", "island model (multi-deme)")));
    public static final RunOption<Integer> POP_SIZE = option("evolution.popSize", Integer.class,
            s -> s.evolution().popSize(), "population size");
    public static final RunOption<Integer> MIN_POP_SIZE = option("evolution.minPopSize", Integer.class,
            s -> s.evolution().minPopSize(), "results before breeding starts (Algorithm 1)");
    public static final RunOption<Integer> MAX_IN_FLIGHT = option("evolution.maxInFlight", Integer.class,
            s -> s.evolution().maxInFlight(), "evaluations outstanding at once, the paper's processors");
    public static final RunOption<Integer> TOURNAMENT_SIZE = option("evolution.tournamentSize", Integer.class,
            s -> s.evolution().tournamentSize(), "competitors per tournament");
    public static final RunOption<String> OBJECTIVE = choice("evolution.objective",
            s -> s.evolution().objective().name(), "what tournaments and the population's removal minimise", List.of(
                    new RunOption.Choice("loss", "loss (paper)"),
                    new RunOption.Choice("accuracy", "accuracy"),
                    new RunOption.Choice("penalised-loss", "loss + size penalty"),
                    new RunOption.Choice("pareto", "Pareto: loss and parameters")));
    public static final RunOption<Double> SIZE_PENALTY = option("evolution.sizePenalty", Double.class,
            s -> s.evolution().objective() instanceof Objectives.PenalisedLoss p ? p.lambda()
                    : Objectives.DEFAULT_SIZE_PENALTY, "penalised-loss: loss + this x log10(parameters)");
    public static final RunOption<String> PARETO_SIZE = choice("evolution.paretoSize",
            s -> (s.evolution().objective() instanceof Objectives.Pareto p ? p.size() : Objectives.Size.PARAMS)
                    .label(), "pareto: the size objective beside the loss", List.of(
                    new RunOption.Choice("params", "trainable parameters"),
                    new RunOption.Choice("flops", "forward FLOPs per sample")));
    public static final RunOption<Boolean> FITNESS_CACHE = option("evolution.fitnessCache", Boolean.class,
            s -> s.evolution().fitnessCache(), "a genome measured before in the run is bred again, then reused");
    public static final RunOption<IntRange> FILTERS = space("filters", IntRange.class, SearchSpace::filters,
            "filters of a random convolution {min, max}");
    public static final RunOption<IntRange> KERNEL_SIZE = space("kernelSize", IntRange.class,
            SearchSpace::kernelSize, "kernel side of a random convolution");
    public static final RunOption<IntRange> POOL_SIZE = space("poolSize", IntRange.class, SearchSpace::poolSize,
            "side of a random max-pooling");
    public static final RunOption<IntRange> DENSE_SIZE = space("denseSize", IntRange.class, SearchSpace::denseSize,
            "units of a random dense layer");
    public static final RunOption<List<Double>> DROPOUTS = space("dropouts", new TypeReference<List<Double>>() {
    }, SearchSpace::dropouts, "dropout rates a random dense layer draws from");
    public static final RunOption<List<Activation>> ACTIVATIONS = space("activations",
            new TypeReference<List<Activation>>() {
            }, SearchSpace::activations, "activations a random layer draws from");
    public static final RunOption<IntRange> INITIAL_CONV_BLOCKS = space("initialConvBlocks", IntRange.class,
            SearchSpace::initialConvBlocks, "blocks of a random genome's convolutional part");
    public static final RunOption<IntRange> INITIAL_DENSE_BLOCKS = space("initialDenseBlocks", IntRange.class,
            SearchSpace::initialDenseBlocks, "blocks of a random genome's dense part");
    public static final RunOption<Boolean> ALLOW_EMPTY_CONV_PART = space("allowEmptyConvPart", Boolean.class,
            SearchSpace::allowEmptyConvPart, "whether a genome may have no convolutional block");
    public static final RunOption<Double> FILTERS_SIGMA = space("filtersSigma", Double.class,
            SearchSpace::filtersSigma, "Gaussian mutation of filter counts, relative");
    public static final RunOption<Double> DENSE_SIZE_SIGMA = space("denseSizeSigma", Double.class,
            SearchSpace::denseSizeSigma, "Gaussian mutation of dense sizes, relative");
    public static final RunOption<Double> DROPOUT_SIGMA = space("dropoutSigma", Double.class,
            SearchSpace::dropoutSigma, "Gaussian mutation of dropout rates");
    public static final RunOption<Long> MAX_PARAMS = space("maxParams", Long.class, SearchSpace::maxParams,
            "largest network bred, in trainable parameters (0: no cap)");
    public static final RunOption<Long> MAX_FLOPS = space("maxFlops", Long.class, SearchSpace::maxFlops,
            "largest network bred, in forward FLOPs per sample (0: no cap)");
    public static final RunOption<Long> MAX_TRAINING_BYTES = space("maxTrainingBytes", Long.class,
            SearchSpace::maxTrainingBytes, "largest training-memory estimate bred (0: no cap)");
    public static final RunOption<Boolean> EVOLVE_TRAINING = space("evolveTraining", Boolean.class,
            s -> s.training() != null, "genomes carry optimizer, learning rate and batch size genes");
    public static final RunOption<TrainingSpace> TRAINING = space("training", TrainingSpace.class,
            s -> s.training() != null ? s.training() : TrainingSpace.defaults(),
            "the training genes' ranges (with evolveTraining)");
    public static final RunOption<Variation> VARIATION = option("evolution.variation", Variation.class,
            s -> s.evolution().variation(), "crossover and mutation rates and the weights of each mutation");
    public static final RunOption<Termination> TERMINATION = option("evolution.termination", Termination.class,
            s -> s.evolution().termination(),
            "budgets: maxEvaluations, timeBudgetSeconds, maxEvaluatorSeconds, targetFitness (0 or null: none)");
    public static final RunOption<Integer> FIDELITY_ETA = option("evolution.fidelity.eta", Integer.class,
            s -> s.evolution().fidelity().eta(), "successive halving: promote the top 1/eta of a rung");
    public static final RunOption<List<Rung>> FIDELITY_RUNGS = option("evolution.fidelity.rungs",
            ModelJson.mapper().getTypeFactory().constructCollectionType(List.class, Rung.class),
            RunSpec::rungs, "successive halving's cheaper tasks, lowest first (none: off)");
    public static final RunOption<String> FIDELITY_SELECTION = choice("evolution.fidelity.selection",
            s -> s.evolution().fidelity().selection().name().toLowerCase(Locale.ROOT),
            "which results the population takes", List.of(
                    new RunOption.Choice("top", "top rung only"),
                    new RunOption.Choice("adjusted", "every rung, moved to the top rung's scale")));
    public static final RunOption<String> STOPPING_RULE = choice("evolution.earlyStopping.rule",
            s -> s.stopping() == null ? "off" : "median", "stopping evaluations early", List.of(
                    new RunOption.Choice("off", "off"),
                    new RunOption.Choice("median", "median stopping rule")));
    public static final RunOption<Integer> STOPPING_MIN_RESULTS = option("evolution.earlyStopping.minResults",
            Integer.class, s -> s.stopping() == null ? MedianStoppingRule.DEFAULT_MIN_RESULTS
                    : s.stopping().minResults(), "learning curves the median stopping rule waits for");
    public static final RunOption<Screening> SCREENING = option("evolution.screening", Screening.class,
            s -> s.evolution().screening(), "surrogate pre-screening: candidates per slot (1: off), minResults, "
                    + "refitEvery");
    public static final RunOption<Integer> ISLANDS = option("evolution.islands.count", Integer.class,
            s -> s.evolution().islands().count(), "islands: populations of popSize each, bred over one queue");
    public static final RunOption<Integer> MIGRATION_INTERVAL = option("evolution.islands.migrationInterval",
            Integer.class, s -> s.evolution().islands().migrationInterval(),
            "islands: results entering islands between migrations");
    public static final RunOption<Integer> MIGRANTS = option("evolution.islands.migrants", Integer.class,
            s -> s.evolution().islands().migrants(), "islands: the best of each island copied at a migration");
    public static final RunOption<String> TOPOLOGY = choice("evolution.islands.topology",
            s -> s.evolution().islands().topology().name().toLowerCase(Locale.ROOT), "islands: where migrants go",
            List.of(new RunOption.Choice("ring", "ring: to the next island"),
                    new RunOption.Choice("random", "random: to another island drawn each time")));
    public static final RunOption<Boolean> INHERITANCE = option("evolution.inheritance", Boolean.class,
            s -> s.evolution().inheritance(), "offspring start from their parents' trained weights, validated on one "
                    + "fixed holdout split (Lamarckian evolution; off in the paper)");
    public static final RunOption<InputShape> INPUT = option("evolution.input", InputShape.class,
            s -> s.evolution().input(), "the data set's image shape (follows the task; given, it must agree)");
    public static final RunOption<Integer> CLASSES = option("evolution.classes", Integer.class,
            s -> s.evolution().classes(), "the data set's classes (follows the task; given, it must agree)");
    public static final RunOption<Long> SEED = option("evolution.seed", Long.class, s -> s.evolution().seed(),
            "seed of the run's one random generator");

    private RunOptions() {
    }

    /** Every option, in the order of the spec's JSON. */
    public static List<RunOption<?>> all() {
        return List.copyOf(ALL);
    }

    /** The option at a path. */
    public static java.util.Optional<RunOption<?>> at(String path) {
        return ALL.stream().filter(o -> o.path().equals(path)).findFirst();
    }

    private static <V> RunOption<V> option(String path, Class<V> type, Function<RunSpec, V> value, String doc) {
        return add(new RunOption<>(path, ModelJson.mapper().constructType(type), value, List.of(), doc));
    }

    private static <V> RunOption<V> option(String path, JavaType type, Function<RunSpec, V> value, String doc) {
        return add(new RunOption<>(path, type, value, List.of(), doc));
    }

    private static RunOption<String> choice(String path, Function<RunSpec, String> value, String doc,
                                            List<RunOption.Choice> choices) {
        return add(new RunOption<>(path, ModelJson.mapper().constructType(String.class), value, choices, doc));
    }

    private static <V> RunOption<V> space(String field, Class<V> type, Function<SearchSpace, V> value, String doc) {
        return option("evolution.searchSpace." + field, type, s -> value.apply(s.evolution().searchSpace()), doc);
    }

    private static <V> RunOption<V> space(String field, TypeReference<V> type, Function<SearchSpace, V> value,
                                          String doc) {
        return option("evolution.searchSpace." + field, ModelJson.mapper().getTypeFactory().constructType(type),
                s -> value.apply(s.evolution().searchSpace()), doc);
    }

    private static <V> RunOption<V> add(RunOption<V> option) {
        ALL.add(option);
        return option;
    }

    /** A choice option's value checked against its names, any case; else an error listing them. */
    static String chosen(RunOption<String> option, String value) {
        for (RunOption.Choice c : option.choices()) {
            if (c.value().equalsIgnoreCase(value)) {
                return c.value();
            }
        }
        String name = option.path().substring(option.path().lastIndexOf('.') + 1);
        throw new org.evocnn.model.genome.FieldException(name, "unknown " + name + " '" + value + "', allowed: "
                + String.join(", ", option.choices().stream().map(RunOption.Choice::value).toList()));
    }

    /** The engine's mode named by {@link #MODE}'s value. */
    static Mode mode(String value) {
        return Arrays.stream(Mode.values()).filter(m -> m.name().equalsIgnoreCase(value)).findFirst().orElseThrow();
    }

    /** The topology named by {@link #TOPOLOGY}'s value. */
    static org.evocnn.engine.process.Islands.Topology topology(String value) {
        return org.evocnn.engine.process.Islands.Topology.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The selection named by {@link #FIDELITY_SELECTION}'s value. */
    static SuccessiveHalving.Selection selection(String value) {
        return SuccessiveHalving.Selection.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
