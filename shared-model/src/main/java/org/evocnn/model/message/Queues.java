package org.evocnn.model.message;

/**
 * The broker queues evocnn's services talk over, defined once: both services' settings default to these names, and
 * tests check that the deployed broker.xml and the KEDA scaler use them too.
 */
public final class Queues {

    /** Evaluation requests, from the evolution service to the evaluators. */
    public static final String GENOMES = "evocnn.genomes";
    /** Evaluation results, the requests' JMSReplyTo. */
    public static final String RESULTS = "evocnn.results";
    /**
     * Where an evaluator told to stop sends a request back with the folds it did; the broker diverts it into
     * {@link #GENOMES}, so evaluators need no permission to send requests themselves.
     */
    public static final String GENOMES_RESUME = "evocnn.genomes.resume";
    /** Where the broker moves requests that exhausted their delivery attempts. */
    public static final String DEAD_LETTER = "DLQ";
    /** Where the broker moves expired messages (evocnn sends none that expire; the broker wants one configured). */
    public static final String EXPIRY = "ExpiryQueue";

    /**
     * On a result that brings its trained network ({@code model} in the result): the reply is a bytes message whose
     * body is the DL4J model file, streamed (an Artemis large message), and this property holds the result's JSON.
     */
    public static final String RESULT_PROPERTY = "evocnnResult";
    /** With {@link #RESULT_PROPERTY}: the network's manifest, JSON. */
    public static final String MANIFEST_PROPERTY = "evocnnModelManifest";

    /**
     * On a request that brings its parents' trained weights ({@link Inherit}): the request is a bytes message whose
     * body is the parents' model files end to end (streamed, a large message), and this property holds its JSON.
     */
    public static final String REQUEST_PROPERTY = "evocnnRequest";

    private Queues() {
    }
}
