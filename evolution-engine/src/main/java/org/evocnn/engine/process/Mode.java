package org.evocnn.engine.process;

/**
 * The search strategies: the paper's asynchronous evolution (Algorithm 1) and the synchronous generational GA it is
 * compared with; random search (every slot a random individual, the standard control of architecture search, Li and
 * Talwalkar 2019); regularized evolution (asynchronous, but the oldest individual dies, not the worst; Real et
 * al. 2019); and the island model (several populations bred asynchronously, exchanging their best; {@link Islands}).
 */
public enum Mode {
    ASYNC,
    SYNC,
    RANDOM,
    REGULARIZED,
    ISLANDS
}
