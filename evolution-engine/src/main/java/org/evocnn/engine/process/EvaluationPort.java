package org.evocnn.engine.process;

/**
 * How an evolution sends genomes out for evaluation: over JMS, to an in-memory simulator, or in tests. Results come
 * back through {@link Evolution#accept(EvaluationOutcome)}, in any order, from any thread that the caller serialises.
 */
@FunctionalInterface
public interface EvaluationPort {

    void submit(Candidate candidate);
}
