package org.evocnn.model.genome;

/**
 * Where one layer of a network starts from under weight inheritance: a parent (its evaluation sequence in the run)
 * and the index of the layer in the parent's network, whose trained weights it takes when their shapes agree; or
 * {@link #FRESH}: a layer crossover or mutation made new, initialised as usual. Networks have one layer per block
 * (conv-part blocks, then dense blocks), then the softmax output layer.
 */
public record LayerSource(long parent, int layer) {

    public static final LayerSource FRESH = new LayerSource(0, -1);

    public boolean fresh() {
        return parent == 0;
    }
}
