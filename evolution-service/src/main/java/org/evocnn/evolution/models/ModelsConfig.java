package org.evocnn.evolution.models;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Trained networks the service keeps, exports and classifies with ({@code evocnn.models.*}, docs/models.md). */
@ConfigMapping(prefix = "evocnn.models")
public interface ModelsConfig {

    /** The largest model file taken from a result; a larger one is not stored and the result says why. */
    @WithDefault("256M")
    MemorySize maxSize();

    /** The largest image a prediction reads; a larger one is answered 413. */
    @WithDefault("4M")
    MemorySize maxImageSize();

    /**
     * The disk each run with weight inheritance may keep its networks' trained weights in; past it the worst
     * population members' weights are deleted first (docs/inheritance.md).
     */
    @WithDefault("2G")
    MemorySize weightsBudget();

    /** Trained networks held loaded for predictions (least recently used first out). */
    @WithDefault("2")
    int loaded();
}
