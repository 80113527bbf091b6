package org.evocnn.model.analysis;

/** The default bounds on what one evaluation may cost, shared by the search space and the evaluators. */
public final class ResourceCaps {

    /** Most trainable parameters of a network evaluators train (and the search breeds) by default. */
    public static final long DEFAULT_MAX_PARAMS = 5_000_000;

    private ResourceCaps() {
    }
}
