package org.evocnn.engine.process;

/** The paper compares the asynchronous evolution (Algorithm 1) with the synchronous generational GA. */
public enum Mode {
    ASYNC,
    SYNC
}
