package org.evocnn.spec;

import org.evocnn.engine.fidelity.MedianStoppingRule;
import org.evocnn.engine.fidelity.Rung;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.engine.process.Islands;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.message.TrainingTask;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.evocnn.spec.RunOptions.*;

/**
 * Where the options' values meet the engine: each value handed to the builder that takes it. Errors name the option's
 * path (the engine's records and builders name their own fields; this prefixes the group).
 */
final class SpecAssembly {

    private final Map<RunOption<?>, Object> values;

    SpecAssembly(Map<RunOption<?>, Object> values) {
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    private <V> V get(RunOption<V> option) {
        return (V) values.get(option);
    }

    /** @throws FieldException naming the option's full path */
    RunSpec spec() {
        TrainingTask task = FieldException.required("task", get(TASK));
        RunSpec.dataset(task);
        String mode = at(MODE, () -> chosen(MODE, get(MODE)));
        SearchSpace space = at("evolution.searchSpace", () -> SearchSpace.builder()
                .filters(get(FILTERS)).kernelSize(get(KERNEL_SIZE)).poolSize(get(POOL_SIZE))
                .denseSize(get(DENSE_SIZE)).dropouts(get(DROPOUTS)).activations(get(ACTIVATIONS))
                .initialConvBlocks(get(INITIAL_CONV_BLOCKS)).initialDenseBlocks(get(INITIAL_DENSE_BLOCKS))
                .allowEmptyConvPart(get(ALLOW_EMPTY_CONV_PART)).filtersSigma(get(FILTERS_SIGMA))
                .denseSizeSigma(get(DENSE_SIZE_SIGMA)).dropoutSigma(get(DROPOUT_SIGMA))
                .caps(new ResourceCaps(get(MAX_PARAMS), get(MAX_FLOPS), get(MAX_TRAINING_BYTES)))
                .training(get(EVOLVE_TRAINING) ? FieldException.required("training", get(TRAINING)) : null)
                .build());
        List<Rung> rungs = FieldException.required("evolution.fidelity.rungs", get(FIDELITY_RUNGS));
        SuccessiveHalving fidelity = at("evolution.fidelity", () -> new SuccessiveHalving(rungs,
                get(FIDELITY_ETA), selection(chosen(FIDELITY_SELECTION, get(FIDELITY_SELECTION)))));
        MedianStoppingRule stopping = at("evolution.earlyStopping",
                () -> chosen(STOPPING_RULE, get(STOPPING_RULE)).equals("off") ? null
                        : new MedianStoppingRule(get(STOPPING_MIN_RESULTS)));
        EvolutionConfig.Builder evolution = EvolutionConfig.builder()
                .mode(mode(mode))
                .population(get(POP_SIZE), get(MIN_POP_SIZE))
                .maxInFlight(get(MAX_IN_FLIGHT))
                .tournamentSize(get(TOURNAMENT_SIZE))
                .objective(at("evolution", () -> Objectives.byName(get(OBJECTIVE), get(SIZE_PENALTY),
                        Objectives.Size.byLabel(chosen(PARETO_SIZE, get(PARETO_SIZE))))))
                .fitnessCache(get(FITNESS_CACHE))
                .searchSpace(space)
                .variation(FieldException.required("evolution.variation", get(VARIATION)))
                .termination(FieldException.required("evolution.termination", get(TERMINATION)))
                .fidelity(fidelity)
                .screening(FieldException.required("evolution.screening", get(SCREENING)))
                .islands(at("evolution.islands", () -> new Islands(get(ISLANDS), get(MIGRATION_INTERVAL),
                        get(MIGRANTS), topology(chosen(TOPOLOGY, get(TOPOLOGY))))))
                .inheritance(get(INHERITANCE))
                .seed(get(SEED));
        String preset = chosen(PRESET, get(PRESET));
        RunSpec spec = at("evolution", () -> RunSpec.of(task, evolution, stopping)).withPreset(preset);
        InputShape input = get(INPUT);
        Integer classes = get(CLASSES);
        if ((input != null && !input.equals(spec.evolution().input()))
                || (classes != null && classes != spec.evolution().classes())) {
            throw new FieldException("evolution.input", "follows the data set (" + spec.evolution().input() + ", "
                    + spec.evolution().classes() + " classes); leave input and classes out");
        }
        return spec;
    }

    private static <T> T at(RunOption<?> option, Supplier<T> build) {
        String path = option.path();
        return at(path.substring(0, path.lastIndexOf('.')), build);
    }

    /** Runs {@code build}, naming a rejected field by its full path under {@code prefix}. */
    static <T> T at(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (FieldException e) {
            throw new FieldException(prefix + "." + e.field(), e.problem());
        }
    }
}
