package org.evocnn.evolution.models;

/**
 * Why a trained network cannot be served: none was kept or the training is not done ({@code missing}, a 404), or
 * the stored file is not what the journal recorded ({@code conflict}, a 409). The message says which and why.
 */
public final class ModelUnavailable extends RuntimeException {

    private final boolean conflict;

    private ModelUnavailable(String message, boolean conflict) {
        super(message);
        this.conflict = conflict;
    }

    public static ModelUnavailable missing(String message) {
        return new ModelUnavailable(message, false);
    }

    public static ModelUnavailable conflict(String message) {
        return new ModelUnavailable(message, true);
    }

    public boolean conflict() {
        return conflict;
    }
}
