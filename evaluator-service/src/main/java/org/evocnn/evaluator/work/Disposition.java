package org.evocnn.evaluator.work;

import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;

/** What becomes of a delivery: each is sent (or not) and the delivery acknowledged in one commit. */
public sealed interface Disposition {

    /** The answer, to the delivery's reply queue; {@code request} null when the request could not be read. */
    record Reply(String correlationId, EvaluationResult result, EvaluationRequest request) implements Disposition {
    }

    /** The request with its finished folds, to the resume queue for another evaluator (scale-in). */
    record HandOn(String correlationId, EvaluationRequest request) implements Disposition {
    }

    /** Unanswerable: the body, with the reason, to the dead-letter queue. */
    record DeadLetter(String body, String reason) implements Disposition {
    }

    /** Nothing sent: the delivery is rolled back for the broker to deliver again. */
    record Redeliver(String reason) implements Disposition {
    }
}
