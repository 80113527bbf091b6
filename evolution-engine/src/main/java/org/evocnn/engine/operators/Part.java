package org.evocnn.engine.operators;

/** The two parts of an individual: I1 (conv and pool blocks) and I2 (dense blocks). */
public enum Part {
    CONV,
    DENSE
}
