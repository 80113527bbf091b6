package org.evocnn.engine.operators;

/** The parts of an individual: I1 (conv and pool blocks), I2 (dense blocks), and its training genes. */
public enum Part {
    CONV,
    DENSE,
    TRAINING
}
