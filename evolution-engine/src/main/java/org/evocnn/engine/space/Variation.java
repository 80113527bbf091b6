package org.evocnn.engine.space;

import org.evocnn.model.genome.FieldException;

/**
 * Probabilities of the genetic operators (paper section 3.2), built with {@link #builder()} from GAKeras' values.
 * Weights of one choice need not sum to 1: they are normalised.
 *
 * @param crossover       probability that an offspring is made by crossover of two parents
 * @param mutation        probability that an offspring is then mutated
 * @param mutateLayer     weight of mutateLayer among the mutation kinds
 * @param addLayer        weight of addLayer
 * @param delLayer        weight of delLayer
 * @param convPart        probability that addLayer/delLayer work on the conv part (else the dense part)
 * @param newConvIsConv   probability that a block added to the conv part is a convolution (else a max-pool)
 * @param denseSize       weight of changeLayerSize when a dense layer is mutated
 * @param denseDropout    weight of changeDropOut
 * @param denseActivation weight of changeActivation
 * @param denseRedraw     weight of re-drawing the dense layer at random
 * @param convFilters     weight of changeNumberOfFilters when a conv layer is mutated
 * @param convKernel      weight of changeFilterSize
 * @param convActivation  weight of changeActivation
 * @param convRedraw      weight of re-drawing the conv layer at random
 * @param mutateTraining  weight of mutateTraining among the mutation kinds, when the search space evolves training
 *                        genes (one gene changes: optimizer, learning rate or batch size)
 * @param trainingSwap    probability that crossover swaps the parents' training genes
 */
public record Variation(
        double crossover,
        double mutation,
        double mutateLayer,
        double addLayer,
        double delLayer,
        double convPart,
        double newConvIsConv,
        double denseSize,
        double denseDropout,
        double denseActivation,
        double denseRedraw,
        double convFilters,
        double convKernel,
        double convActivation,
        double convRedraw,
        double mutateTraining,
        double trainingSwap) {

    public Variation {
        FieldException.inRange("crossover", crossover, 0, 1);
        FieldException.inRange("mutation", mutation, 0, 1);
        FieldException.inRange("convPart", convPart, 0, 1);
        FieldException.inRange("newConvIsConv", newConvIsConv, 0, 1);
        weights("mutateLayer/addLayer/delLayer", mutateLayer, addLayer, delLayer);
        weights("denseSize/denseDropout/denseActivation/denseRedraw", denseSize, denseDropout, denseActivation, denseRedraw);
        weights("convFilters/convKernel/convActivation/convRedraw", convFilters, convKernel, convActivation, convRedraw);
        FieldException.inRange("mutateTraining", mutateTraining, 0, 1_000);
        FieldException.inRange("trainingSwap", trainingSwap, 0, 1);
        if (crossover == 0 && mutation == 0) {
            throw new FieldException("mutation", "crossover and mutation cannot both be 0: no offspring would differ");
        }
    }

    public static Variation defaults() {
        return builder().build();
    }

    /** A builder starting from GAKeras' values. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().crossover(crossover).mutation(mutation).mutationKinds(mutateLayer, addLayer, delLayer)
                .convPart(convPart).newConvIsConv(newConvIsConv)
                .denseChanges(denseSize, denseDropout, denseActivation, denseRedraw)
                .convChanges(convFilters, convKernel, convActivation, convRedraw)
                .training(mutateTraining, trainingSwap);
    }

    private static void weights(String fields, double... weights) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0 && Double.isFinite(w))) {
                throw new FieldException(fields, "weights must be finite and non-negative");
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new FieldException(fields, "at least one weight must be positive");
        }
    }

    /** Sets what differs from GAKeras' values; {@link #build()} checks the whole. */
    public static final class Builder {
        private double crossover = 0.6;
        private double mutation = 0.2;
        private double[] kinds = {0.5, 0.25, 0.25};
        private double convPart = 0.5;
        private double newConvIsConv = 0.5;
        private double[] dense = {0.4, 0.25, 0.25, 0.1};
        private double[] conv = {0.3, 0.3, 0.3, 0.1};
        private double mutateTraining = 0.25;
        private double trainingSwap = 0.5;

        private Builder() {
        }

        public Builder crossover(double probability) {
            crossover = probability;
            return this;
        }

        public Builder mutation(double probability) {
            mutation = probability;
            return this;
        }

        /** Weights of mutateLayer, addLayer and delLayer. */
        public Builder mutationKinds(double mutateLayer, double addLayer, double delLayer) {
            kinds = new double[] {mutateLayer, addLayer, delLayer};
            return this;
        }

        public Builder convPart(double probability) {
            convPart = probability;
            return this;
        }

        public Builder newConvIsConv(double probability) {
            newConvIsConv = probability;
            return this;
        }

        /** Weights of changeLayerSize, changeDropOut, changeActivation and re-drawing, for a dense layer. */
        public Builder denseChanges(double size, double dropout, double activation, double redraw) {
            dense = new double[] {size, dropout, activation, redraw};
            return this;
        }

        /** Weights of changeNumberOfFilters, changeFilterSize, changeActivation and re-drawing, for a conv layer. */
        public Builder convChanges(double filters, double kernel, double activation, double redraw) {
            conv = new double[] {filters, kernel, activation, redraw};
            return this;
        }

        /**
         * Weight of mutateTraining beside the other mutation kinds, and the probability that crossover swaps training
         * genes; both apply only when the search space evolves training genes.
         */
        public Builder training(double mutateWeight, double swapProbability) {
            mutateTraining = mutateWeight;
            trainingSwap = swapProbability;
            return this;
        }

        public Variation build() {
            return new Variation(crossover, mutation, kinds[0], kinds[1], kinds[2], convPart, newConvIsConv,
                    dense[0], dense[1], dense[2], dense[3], conv[0], conv[1], conv[2], conv[3], mutateTraining,
                    trainingSwap);
        }
    }
}
