package org.evocnn.evaluator;

import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;

/** Turns a request into a result. Never throws: every problem becomes an {@code invalid} or {@code failed} result. */
public interface GenomeEvaluator {

    EvaluationResult evaluate(EvaluationRequest request);
}
