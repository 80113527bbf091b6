package org.evocnn.evolution.jms;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import org.evocnn.engine.process.Candidate;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.RunSpec;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;

/**
 * Sends evaluation requests to the genomes queue: persistent, with the evaluation id as JMSCorrelationID and the
 * results queue as JMSReplyTo. One shared session, so sends from any run are serialised here.
 */
@ApplicationScoped
public class JmsDispatcher implements EvolutionRun.Dispatcher {

    private static final int ATTEMPTS = 3;

    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;

    private JMSContext context;

    @Override
    public void send(String runId, String evaluationId, Candidate candidate, RunSpec spec) {
        send(new EvaluationRequest(runId, evaluationId, EvaluationKind.FITNESS, candidate.genome(), spec.task()));
    }

    /** Sends one request, reconnecting up to twice when the broker connection was lost. */
    public synchronized void send(EvaluationRequest request) {
        String evaluationId = request.evaluationId();
        String body = ModelJson.write(request);
        for (int attempt = 1; ; attempt++) {
            try {
                if (context == null) {
                    context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                }
                TextMessage message = context.createTextMessage(body);
                message.setJMSCorrelationID(evaluationId);
                message.setJMSReplyTo(context.createQueue(config.resultsQueue()));
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                        .send(context.createQueue(config.genomesQueue()), message);
                return;
            } catch (JMSException | JMSRuntimeException e) {
                close();
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("cannot send " + evaluationId + " to " + config.genomesQueue(), e);
                }
                Log.warnf("sending %s failed (%s), reconnecting", evaluationId, e.getMessage());
            }
        }
    }

    synchronized void close() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException e) {
                Log.debug("closing the dispatch session", e);
            }
            context = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        close();
    }
}
