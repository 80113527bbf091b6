package org.evocnn.evolution.run;

import org.evocnn.model.message.EvaluationRequest;

import java.util.List;

/** How requests leave for the evaluators (the JMS dispatcher in the service, a stand-in in tests). */
@FunctionalInterface
public interface RequestSender {

    /**
     * Sends requests in one transaction: all of them or, when this throws, none.
     *
     * @throws NotSent when the broker did not take them
     */
    void send(List<EvaluationRequest> requests);

    /** The broker did not take the requests; none of them was sent. */
    final class NotSent extends RuntimeException {
        public NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
