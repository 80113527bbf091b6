package org.evocnn.evolution.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.engine.fidelity.MedianStoppingRule;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.engine.process.Mode;
import org.evocnn.engine.process.Termination;
import org.evocnn.engine.space.IntRange;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.TrainingSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.TrainingTask;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON form of a {@link RunSpec}: the REST body that creates a run and the first line of its journal. A body is
 * partial (every field left out keeps its default; objects merge field by field); reading is strict and every error
 * names its field path. The engine's types carry no JSON annotations: these documents map to their builders.
 */
public final class RunSpecJson {

    private static final ObjectMapper MAPPER = ModelJson.mapper();

    /** The whole specification. */
    record Document(TrainingTask task, EvolutionDocument evolution) {
    }

    /** {@code input} and {@code classes} follow the data set; when given they must agree with it. */
    record EvolutionDocument(String mode, int popSize, int minPopSize, int maxInFlight, int tournamentSize,
                             String objective, double sizePenalty, String paretoSize, boolean fitnessCache,
                             SpaceDocument searchSpace, VariationDocument variation,
                             TerminationDocument termination, FidelityDocument fidelity,
                             StoppingDocument earlyStopping, ScreeningDocument screening, InputShapeDocument input,
                             Integer classes, long seed) {
    }

    /** Surrogate pre-screening: {@code candidates} per new genome (1: off), after minResults, refitted every k. */
    record ScreeningDocument(int candidates, int minResults, int refitEvery) {
    }

    /** Early stopping of evaluations: {@code rule} {@code off} or {@code median}, active after minResults curves. */
    record StoppingDocument(String rule, int minResults) {
    }

    /**
     * Successive halving: η and the rungs below the task's own fidelity, lowest first (none is off); {@code selection}
     * {@code top} or {@code adjusted} (lower-rung results enter the population too, moved to the top rung's scale).
     */
    record FidelityDocument(int eta, List<RunSpec.Rung> rungs, String selection) {
    }

    /** {@code training} is written with its defaults and applies only with {@code evolveTraining}. */
    record SpaceDocument(RangeDocument filters, RangeDocument kernelSize, RangeDocument poolSize,
                         RangeDocument denseSize, List<Double> dropouts, List<Activation> activations,
                         RangeDocument initialConvBlocks, RangeDocument initialDenseBlocks, boolean allowEmptyConvPart,
                         double filtersSigma, double denseSizeSigma, double dropoutSigma, long maxParams,
                         long maxFlops, long maxTrainingBytes, boolean evolveTraining, TrainingDocument training) {
    }

    record TrainingDocument(List<Optimizer> optimizers, double learningRateMin, double learningRateMax,
                            double learningRateSigma, List<Integer> batchSizes) {
    }

    record RangeDocument(int min, int max) {
    }

    record VariationDocument(double crossover, double mutation, double mutateLayer, double addLayer, double delLayer,
                             double convPart, double newConvIsConv, double denseSize, double denseDropout,
                             double denseActivation, double denseRedraw, double convFilters, double convKernel,
                             double convActivation, double convRedraw, double mutateTraining, double trainingSwap) {
    }

    record TerminationDocument(long maxEvaluations, long timeBudgetSeconds, Double targetFitness,
                               double maxEvaluatorSeconds) {
    }

    record InputShapeDocument(int height, int width, int channels) {
    }

    /** Completed curves the median stopping rule waits for, unless a spec says otherwise. */
    static final int DEFAULT_STOPPING_MIN_RESULTS = 5;

    private RunSpecJson() {
    }

    /**
     * A spec from a partial JSON document over {@link RunSpec#defaults()}; a blank body means all defaults.
     *
     * @throws InvalidJsonException naming the offending field
     */
    public static RunSpec read(String json) {
        try {
            JsonNode given = json == null || json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
            return read(given);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e);
        }
    }

    /**
     * The spec of a request to start a run: a partial document as {@link #read(String)} takes it, which must also
     * state a budget ({@code evolution.termination}: the paper's defaults train 3 folds x 10 epochs per evaluation,
     * hours on a CPU, so nobody gets a long run by leaving the body empty) and a task the data set can serve.
     *
     * @throws InvalidJsonException naming the offending field
     */
    public static RunSpec readRequest(String json) {
        RunSpec spec = read(json);
        try {
            JsonNode termination = json == null || json.isBlank() ? null
                    : MAPPER.readTree(json).path("evolution").path("termination");
            if (termination == null || !termination.isObject() || termination.isEmpty()) {
                throw new FieldException("evolution.termination", "missing: give a budget (maxEvaluations, "
                        + "timeBudgetSeconds, maxEvaluatorSeconds or targetFitness); with the paper's task one evaluation trains 3 folds "
                        + "x 10 epochs");
            }
            spec.checkFeasible();
            return spec;
        } catch (FieldException e) {
            throw new InvalidJsonException(List.of(new Violation(e.field(), e.problem())), e);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e); // read() parsed it already
        }
    }

    /**
     * The spec of a journal's {@code created} entry. Options that came after the journal's format are filled in
     * off, not with today's defaults, so that the run replays as it ran: format 1 knew no FLOP or memory cap.
     */
    public static RunSpec readJournaled(JsonNode config, int format) {
        if (format < 2 && config instanceof ObjectNode object
                && object.path("evolution").path("searchSpace") instanceof ObjectNode space) {
            ObjectNode copy = object.deepCopy();
            ObjectNode copiedSpace = (ObjectNode) copy.path("evolution").path("searchSpace");
            if (!space.has("maxFlops")) {
                copiedSpace.put("maxFlops", 0);
            }
            if (!space.has("maxTrainingBytes")) {
                copiedSpace.put("maxTrainingBytes", 0);
            }
            return read(copy);
        }
        return read(config);
    }

    /** A spec from a parsed partial document. */
    public static RunSpec read(JsonNode given) {
        if (given == null || !given.isObject()) {
            throw new InvalidJsonException(List.of(new Violation("", "expected a JSON object")), null);
        }
        ObjectNode merged = write(RunSpec.defaults());
        // the input shape and classes follow the task's data set: the defaults' (MNIST's) are not a given
        ((ObjectNode) merged.path("evolution")).remove(List.of("input", "classes"));
        merge(merged, (ObjectNode) given);
        Document document;
        try {
            document = MAPPER.treeToValue(merged, Document.class);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(ModelJson.violationOf(e)), e);
        }
        try {
            return toSpec(document);
        } catch (FieldException e) {
            throw new InvalidJsonException(List.of(new Violation(e.field(), e.problem())), e);
        }
    }

    /** The whole spec, every default filled in. */
    public static ObjectNode write(RunSpec spec) {
        EvolutionConfig e = spec.evolution();
        SearchSpace s = e.searchSpace();
        Variation v = e.variation();
        TrainingSpace training = s.training() != null ? s.training() : TrainingSpace.defaults();
        Document document = new Document(spec.task(), new EvolutionDocument(
                e.mode().name().toLowerCase(Locale.ROOT), e.popSize(), e.minPopSize(), e.maxInFlight(),
                e.tournamentSize(), e.objective().name(),
                e.objective() instanceof Objectives.PenalisedLoss p ? p.lambda() : Objectives.DEFAULT_SIZE_PENALTY,
                (e.objective() instanceof Objectives.Pareto p ? p.size() : Objectives.Size.PARAMS).label(),
                e.fitnessCache(),
                new SpaceDocument(range(s.filters()), range(s.kernelSize()), range(s.poolSize()),
                        range(s.denseSize()), s.dropouts(), s.activations(), range(s.initialConvBlocks()),
                        range(s.initialDenseBlocks()), s.allowEmptyConvPart(), s.filtersSigma(), s.denseSizeSigma(),
                        s.dropoutSigma(), s.maxParams(), s.maxFlops(), s.maxTrainingBytes(), s.training() != null,
                        new TrainingDocument(training.optimizers(), training.learningRateMin(),
                                training.learningRateMax(), training.learningRateSigma(), training.batchSizes())),
                new VariationDocument(v.crossover(), v.mutation(), v.mutateLayer(), v.addLayer(), v.delLayer(),
                        v.convPart(), v.newConvIsConv(), v.denseSize(), v.denseDropout(), v.denseActivation(),
                        v.denseRedraw(), v.convFilters(), v.convKernel(), v.convActivation(), v.convRedraw(),
                        v.mutateTraining(), v.trainingSwap()),
                new TerminationDocument(e.termination().maxEvaluations(), e.termination().timeBudgetSeconds(),
                        e.termination().targetFitness(), e.termination().maxEvaluatorSeconds()),
                new FidelityDocument(e.fidelity().eta(), spec.rungs(),
                        e.fidelity().selection().name().toLowerCase(Locale.ROOT)),
                new StoppingDocument(spec.stopping() == null ? "off" : "median",
                        spec.stopping() == null ? DEFAULT_STOPPING_MIN_RESULTS : spec.stopping().minResults()),
                new ScreeningDocument(e.screening().candidates(), e.screening().minResults(),
                        e.screening().refitEvery()),
                new InputShapeDocument(e.input().height(), e.input().width(), e.input().channels()), e.classes(),
                e.seed()));
        return MAPPER.valueToTree(document);
    }

    private static RunSpec toSpec(Document d) {
        TrainingTask task = FieldException.required("task", d.task());
        RunSpec.dataset(task);
        EvolutionDocument e = FieldException.required("evolution", d.evolution());
        SpaceDocument s = at("evolution", () -> FieldException.required("searchSpace", e.searchSpace()));
        VariationDocument v = at("evolution", () -> FieldException.required("variation", e.variation()));
        TerminationDocument t = at("evolution", () -> FieldException.required("termination", e.termination()));
        FidelityDocument f = at("evolution", () -> FieldException.required("fidelity", e.fidelity()));
        List<RunSpec.Rung> rungs = at("evolution.fidelity", () -> FieldException.required("rungs", f.rungs()));
        StoppingDocument st = at("evolution", () -> FieldException.required("earlyStopping", e.earlyStopping()));
        MedianStoppingRule stopping = at("evolution.earlyStopping", () -> stoppingRule(st));
        ScreeningDocument sc = at("evolution", () -> FieldException.required("screening", e.screening()));
        EvolutionConfig.Builder evolution = EvolutionConfig.builder()
                .mode(at("evolution", () -> mode(e.mode())))
                .population(e.popSize(), e.minPopSize())
                .maxInFlight(e.maxInFlight())
                .tournamentSize(e.tournamentSize())
                .objective(at("evolution", () -> Objectives.byName(e.objective(), e.sizePenalty(),
                        Objectives.Size.byLabel(e.paretoSize()))))
                .fitnessCache(e.fitnessCache())
                .searchSpace(at("evolution.searchSpace", () -> SearchSpace.builder()
                        .filters(range("filters", s.filters())).kernelSize(range("kernelSize", s.kernelSize()))
                        .poolSize(range("poolSize", s.poolSize())).denseSize(range("denseSize", s.denseSize()))
                        .dropouts(s.dropouts()).activations(s.activations())
                        .initialConvBlocks(range("initialConvBlocks", s.initialConvBlocks()))
                        .initialDenseBlocks(range("initialDenseBlocks", s.initialDenseBlocks()))
                        .allowEmptyConvPart(s.allowEmptyConvPart()).filtersSigma(s.filtersSigma())
                        .denseSizeSigma(s.denseSizeSigma()).dropoutSigma(s.dropoutSigma())
                        .caps(new ResourceCaps(s.maxParams(), s.maxFlops(), s.maxTrainingBytes()))
                        .training(s.evolveTraining() ? at("training", () -> trainingSpace(s.training())) : null)
                        .build()))
                .variation(at("evolution.variation", () -> Variation.builder()
                        .crossover(v.crossover()).mutation(v.mutation())
                        .mutationKinds(v.mutateLayer(), v.addLayer(), v.delLayer())
                        .convPart(v.convPart()).newConvIsConv(v.newConvIsConv())
                        .denseChanges(v.denseSize(), v.denseDropout(), v.denseActivation(), v.denseRedraw())
                        .convChanges(v.convFilters(), v.convKernel(), v.convActivation(), v.convRedraw())
                        .training(v.mutateTraining(), v.trainingSwap())
                        .build()))
                .termination(at("evolution.termination", () -> new Termination(t.maxEvaluations(),
                        t.timeBudgetSeconds(), t.targetFitness(), t.maxEvaluatorSeconds())))
                .fidelity(at("evolution.fidelity", () -> new SuccessiveHalving(rungs.size() + 1, f.eta(),
                        selection(f.selection()))))
                .screening(at("evolution.screening", () -> new Screening(sc.candidates(), sc.minResults(),
                        sc.refitEvery())))
                .seed(e.seed());
        RunSpec spec = at("evolution", () -> RunSpec.of(task, evolution, rungs, stopping));
        InputShape given = e.input() == null ? null : at("evolution.input",
                () -> new InputShape(e.input().height(), e.input().width(), e.input().channels()));
        if ((given != null && !given.equals(spec.evolution().input()))
                || (e.classes() != null && e.classes() != spec.evolution().classes())) {
            throw new FieldException("evolution.input", "follows the data set (" + spec.evolution().input() + ", "
                    + spec.evolution().classes() + " classes); leave input and classes out");
        }
        return spec;
    }

    private static Mode mode(String name) {
        return named(Mode.values(), "mode", name);
    }

    private static SuccessiveHalving.Selection selection(String name) {
        return named(SuccessiveHalving.Selection.values(), "selection", name);
    }

    /** The constant spelled {@code name} in any case; else an error on {@code field} listing the allowed ones. */
    private static <E extends Enum<E>> E named(E[] values, String field, String name) {
        for (E value : values) {
            if (value.name().equalsIgnoreCase(name)) {
                return value;
            }
        }
        throw new FieldException(field, "unknown " + field + " '" + name + "', allowed: " + java.util.Arrays.stream(values)
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", ")));
    }

    private static MedianStoppingRule stoppingRule(StoppingDocument d) {
        String rule = d.rule() == null ? "" : d.rule().toLowerCase(Locale.ROOT);
        return switch (rule) {
            case "off" -> null;
            case "median" -> new MedianStoppingRule(d.minResults());
            default -> throw new FieldException("rule", "unknown rule '" + d.rule() + "', allowed: off, median");
        };
    }

    private static TrainingSpace trainingSpace(TrainingDocument t) {
        FieldException.required("training", t);
        return new TrainingSpace(t.optimizers(), t.learningRateMin(), t.learningRateMax(), t.learningRateSigma(),
                t.batchSizes());
    }

    private static RangeDocument range(IntRange range) {
        return new RangeDocument(range.min(), range.max());
    }

    private static IntRange range(String field, RangeDocument range) {
        FieldException.required(field, range);
        return at(field, () -> IntRange.of(range.min(), range.max()));
    }

    /** Runs {@code build}, naming a rejected field by its full path under {@code prefix}. */
    private static <T> T at(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (FieldException e) {
            throw new FieldException(prefix + "." + e.field(), e.problem());
        }
    }

    private static void merge(ObjectNode target, ObjectNode update) {
        for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode updateObject) {
                merge(existingObject, updateObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
