package org.evocnn.evaluator.work;

/**
 * One request as it arrived, whatever carried it: its text body (null when the message held none), what kind of
 * message it was (for errors), whether it says where to answer, and its correlation id (null or blank: none).
 */
public record Delivery(String body, String kind, boolean hasReplyTo, String correlationId) {

    /** The correlation id the answer carries: the request's own, else the evaluation's id. */
    String correlation(String evaluationId) {
        return correlationId == null || correlationId.isBlank() ? evaluationId : correlationId;
    }
}
