package org.evocnn.evolution.run;

import org.evocnn.model.message.EvaluationRequest;

import java.util.List;

/** How requests leave for the evaluators (the JMS dispatcher in the service, a stand-in in tests). */
@FunctionalInterface
public interface RequestSender {

    /**
     * Sends requests in one transaction: all of them or, when this throws, none.
     *
     * @throws RuntimeException when the broker did not take them
     */
    void send(List<EvaluationRequest> requests);
}
