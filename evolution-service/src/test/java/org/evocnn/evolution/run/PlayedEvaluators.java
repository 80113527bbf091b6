package org.evocnn.evolution.run;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.fixtures.ZeroCostEvaluator;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests play the evaluators over the real broker: take requests from the genomes queue, check the message contract,
 * answer on JMSReplyTo at once with {@link ZeroCostEvaluator}'s loss, which depends on the genome's size.
 */
public final class PlayedEvaluators {

    private final ConnectionFactory connectionFactory;
    private final BrokerConfig config;

    public PlayedEvaluators(ConnectionFactory connectionFactory, BrokerConfig config) {
        this.connectionFactory = connectionFactory;
        this.config = config;
    }

    /**
     * Answers until the run has finished (60 s at most) and returns the evaluation ids answered for it; requests
     * named in {@code poison} are rolled back.
     */
    public List<String> answerUntilFinished(EvolutionRun run, Set<String> poison) throws Exception {
        return answerUntil(() -> run.snapshot().finished(), run.runId(), poison);
    }

    /** Answers every request until {@code done} (60 s at most); returns the ids answered for {@code runId}. */
    public List<String> answerUntil(BooleanSupplier done, String runId, Set<String> poison) throws Exception {
        return requestsUntil(done, runId, poison).stream().map(EvaluationRequest::evaluationId).toList();
    }

    /** Answers every request until {@code done} (60 s at most); returns the requests of {@code runId} it answered. */
    public List<EvaluationRequest> requestsUntil(BooleanSupplier done, String runId, Set<String> poison)
            throws Exception {
        List<EvaluationRequest> answered = new ArrayList<>();
        try (JMSContext ctx = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer genomes = ctx.createConsumer(ctx.createQueue(config.genomesQueue()))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
                Message message = genomes.receive(200);
                if (message == null) {
                    continue;
                }
                EvaluationRequest request = ModelJson.readRequest(((TextMessage) message).getText());
                assertThat(message.getJMSCorrelationID()).isEqualTo(request.evaluationId());
                assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
                assertThat(((Queue) message.getJMSReplyTo()).getQueueName()).isEqualTo(config.resultsQueue());
                if (poison.contains(request.evaluationId())) {
                    ctx.rollback();
                    continue;
                }
                EvaluationResult result = ZeroCostEvaluator.answer(request);
                TextMessage reply = ctx.createTextMessage(ModelJson.write(result));
                reply.setJMSCorrelationID(message.getJMSCorrelationID());
                ctx.createProducer().send(message.getJMSReplyTo(), reply);
                ctx.commit();
                if (request.runId().equals(runId)) {
                    answered.add(request); // requests left by other tests' runs are answered too
                }
            }
        }
        return answered;
    }
}
