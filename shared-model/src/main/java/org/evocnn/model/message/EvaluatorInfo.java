package org.evocnn.model.message;

/**
 * Who evaluated: host name, ND4J backend ({@code cpu}, {@code cuda} or {@code simulated}) and device description.
 */
public record EvaluatorInfo(String host, String backend, String device) {
}
