package org.evocnn.engine.process;

/** NEW until started; RUNNING; STOPPING once terminated while evaluations are still out; FINISHED. */
public enum RunState {
    NEW,
    RUNNING,
    STOPPING,
    FINISHED
}
