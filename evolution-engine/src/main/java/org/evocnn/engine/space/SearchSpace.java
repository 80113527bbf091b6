package org.evocnn.engine.space;

import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.FieldException;

import java.util.List;

/**
 * What random blocks and mutations may produce. Built with {@link #builder()}, whose defaults follow the paper's public
 * implementation (GAKeras); the resource caps default to the evaluators' ({@link ResourceCaps#DEFAULTS}), so evolution
 * breeds nothing they would refuse.
 *
 * @param filters            conv filters of random blocks; Gaussian mutation is clamped to it
 * @param kernelSize         conv kernel side
 * @param poolSize           max-pool side
 * @param denseSize          dense units
 * @param dropouts           drop rates a random dense block draws from; Gaussian mutation is clamped to their span
 * @param activations        activations a random block or changeActivation draws from
 * @param initialConvBlocks  blocks in the conv part of a random individual
 * @param initialDenseBlocks blocks in the dense part of a random individual
 * @param allowEmptyConvPart whether delLayer and crossover may leave the conv part empty (the dense part never is)
 * @param filtersSigma       sigma of changeNumberOfFilters
 * @param denseSizeSigma     sigma of changeLayerSize
 * @param dropoutSigma       sigma of changeDropOut (the result is rounded to 0.01)
 * @param maxParams          offspring with more trainable parameters are re-drawn; 0 means no cap
 * @param maxFlops           offspring with more forward FLOPs per sample are re-drawn; 0 means no cap
 * @param maxTrainingBytes   offspring whose training step would hold more bytes (at the run's batch size) are
 *                           re-drawn; 0 means no cap
 * @param training           what training genes may take; null (the paper) evolves none: genomes train with the task's
 */
public record SearchSpace(
        IntRange filters,
        IntRange kernelSize,
        IntRange poolSize,
        IntRange denseSize,
        List<Double> dropouts,
        List<Activation> activations,
        IntRange initialConvBlocks,
        IntRange initialDenseBlocks,
        boolean allowEmptyConvPart,
        double filtersSigma,
        double denseSizeSigma,
        double dropoutSigma,
        long maxParams,
        long maxFlops,
        long maxTrainingBytes,
        TrainingSpace training) {

    public SearchSpace {
        FieldException.required("filters", filters);
        FieldException.required("kernelSize", kernelSize);
        FieldException.required("poolSize", poolSize);
        FieldException.required("denseSize", denseSize);
        FieldException.required("initialConvBlocks", initialConvBlocks);
        FieldException.required("initialDenseBlocks", initialDenseBlocks);
        positive("filters", filters);
        positive("kernelSize", kernelSize);
        positive("poolSize", poolSize);
        positive("denseSize", denseSize);
        if (initialConvBlocks.min() < (allowEmptyConvPart ? 0 : 1)) {
            throw new FieldException("initialConvBlocks", "must start at " + (allowEmptyConvPart ? 0 : 1) + " or more");
        }
        if (initialDenseBlocks.min() < 1) {
            throw new FieldException("initialDenseBlocks", "must start at 1 or more");
        }
        dropouts = List.copyOf(FieldException.required("dropouts", dropouts));
        if (dropouts.isEmpty()) {
            throw new FieldException("dropouts", "must not be empty");
        }
        for (double d : dropouts) {
            FieldException.inRange("dropouts", d, 0.0, 0.99);
        }
        activations = List.copyOf(FieldException.required("activations", activations));
        if (activations.isEmpty()) {
            throw new FieldException("activations", "must not be empty");
        }
        FieldException.inRange("filtersSigma", filtersSigma, 0.0, 1e6);
        FieldException.inRange("denseSizeSigma", denseSizeSigma, 0.0, 1e6);
        FieldException.inRange("dropoutSigma", dropoutSigma, 0.0, 1.0);
        caps(maxParams, maxFlops, maxTrainingBytes);
    }

    /** The caps offspring must stay within. */
    public ResourceCaps caps() {
        return caps(maxParams, maxFlops, maxTrainingBytes);
    }

    private static ResourceCaps caps(long maxParams, long maxFlops, long maxTrainingBytes) {
        return new ResourceCaps(maxParams, maxFlops, maxTrainingBytes);
    }

    /** GAKeras' ranges: filters 10-50, kernel 2-5, pool 2-3, dense 10-300, dropout {0, .2, .3, .4}, 1-3 blocks. */
    public static SearchSpace defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this space. */
    public Builder toBuilder() {
        return new Builder().filters(filters).kernelSize(kernelSize).poolSize(poolSize).denseSize(denseSize)
                .dropouts(dropouts).activations(activations).initialConvBlocks(initialConvBlocks)
                .initialDenseBlocks(initialDenseBlocks).allowEmptyConvPart(allowEmptyConvPart)
                .filtersSigma(filtersSigma).denseSizeSigma(denseSizeSigma).dropoutSigma(dropoutSigma)
                .caps(caps()).training(training);
    }

    /** Least and greatest drop rate of {@link #dropouts}. */
    public double minDropout() {
        return dropouts.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double maxDropout() {
        return dropouts.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Fewest blocks a conv part may keep. */
    public int minConvBlocks() {
        return allowEmptyConvPart ? 0 : 1;
    }

    private static void positive(String field, IntRange range) {
        if (range.min() < 1) {
            throw new FieldException(field, range + " must start at 1 or more");
        }
    }

    /** Sets what differs from the defaults; {@link #build()} checks the whole. */
    public static final class Builder {
        private IntRange filters = IntRange.of(10, 50);
        private IntRange kernelSize = IntRange.of(2, 5);
        private IntRange poolSize = IntRange.of(2, 3);
        private IntRange denseSize = IntRange.of(10, 300);
        private List<Double> dropouts = List.of(0.0, 0.2, 0.3, 0.4);
        private List<Activation> activations = List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID,
                Activation.HARD_SIGMOID, Activation.LINEAR);
        private IntRange initialConvBlocks = IntRange.of(1, 3);
        private IntRange initialDenseBlocks = IntRange.of(1, 3);
        private boolean allowEmptyConvPart;
        private double filtersSigma = 10.0;
        private double denseSizeSigma = 50.0;
        private double dropoutSigma = 0.1;
        private ResourceCaps caps = ResourceCaps.DEFAULTS;
        private TrainingSpace training;

        private Builder() {
        }

        public Builder filters(IntRange value) {
            filters = value;
            return this;
        }

        public Builder kernelSize(IntRange value) {
            kernelSize = value;
            return this;
        }

        public Builder poolSize(IntRange value) {
            poolSize = value;
            return this;
        }

        public Builder denseSize(IntRange value) {
            denseSize = value;
            return this;
        }

        public Builder dropouts(List<Double> value) {
            dropouts = value;
            return this;
        }

        public Builder activations(List<Activation> value) {
            activations = value;
            return this;
        }

        public Builder initialConvBlocks(IntRange value) {
            initialConvBlocks = value;
            return this;
        }

        public Builder initialDenseBlocks(IntRange value) {
            initialDenseBlocks = value;
            return this;
        }

        public Builder allowEmptyConvPart(boolean value) {
            allowEmptyConvPart = value;
            return this;
        }

        public Builder filtersSigma(double value) {
            filtersSigma = value;
            return this;
        }

        public Builder denseSizeSigma(double value) {
            denseSizeSigma = value;
            return this;
        }

        public Builder dropoutSigma(double value) {
            dropoutSigma = value;
            return this;
        }

        /** Evolve training genes within this space; null (the default) evolves none. */
        public Builder training(TrainingSpace value) {
            training = value;
            return this;
        }

        /** Offspring over a cap are re-drawn. */
        public Builder caps(ResourceCaps value) {
            caps = value;
            return this;
        }

        /** Offspring with more trainable parameters are re-drawn; 0 means no cap. */
        public Builder maxParams(long value) {
            caps = new ResourceCaps(value, caps.maxFlopsPerSample(), caps.maxTrainingBytes());
            return this;
        }

        public SearchSpace build() {
            return new SearchSpace(filters, kernelSize, poolSize, denseSize, dropouts, activations, initialConvBlocks,
                    initialDenseBlocks, allowEmptyConvPart, filtersSigma, denseSizeSigma, dropoutSigma,
                    caps.maxParams(), caps.maxFlopsPerSample(), caps.maxTrainingBytes(), training);
        }
    }
}
