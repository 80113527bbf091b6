package org.evocnn.engine.operators;

/** The paper's mutation operators (section 3.2); the first six are the kinds of mutateLayer. */
public enum MutationOperator {
    CHANGE_LAYER_SIZE("changeLayerSize"),
    CHANGE_DROPOUT("changeDropOut"),
    CHANGE_ACTIVATION("changeActivation"),
    CHANGE_POOL_SIZE("changePoolSize"),
    CHANGE_NUMBER_OF_FILTERS("changeNumberOfFilters"),
    CHANGE_FILTER_SIZE("changeFilterSize"),
    /** mutateLayer that replaces the layer by a random one of the same kind (GAKeras). */
    REDRAW_LAYER("redrawLayer"),
    ADD_LAYER("addLayer"),
    DEL_LAYER("delLayer"),
    /** Nothing could be changed, e.g. delLayer on parts already at their minimum size. */
    NONE("none"),
    /** mutateTraining: another optimizer. */
    CHANGE_OPTIMIZER("changeOptimizer"),
    /** mutateTraining: the learning rate times exp(N(0, sigma)). */
    CHANGE_LEARNING_RATE("changeLearningRate"),
    /** mutateTraining: another batch size. */
    CHANGE_BATCH_SIZE("changeBatchSize");

    private final String paperName;

    MutationOperator(String paperName) {
        this.paperName = paperName;
    }

    public String paperName() {
        return paperName;
    }

    /** True for the kinds of mutateLayer. */
    public boolean mutatesLayer() {
        return ordinal() <= REDRAW_LAYER.ordinal();
    }

    @Override
    public String toString() {
        return paperName;
    }
}
