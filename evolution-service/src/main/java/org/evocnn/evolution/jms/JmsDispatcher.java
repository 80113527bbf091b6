package org.evocnn.evolution.jms;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.run.RequestSender;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationRequest;

import java.util.List;

/**
 * Sends evaluation requests to the genomes queue: persistent, with the evaluation id as JMSCorrelationID and the
 * results queue as JMSReplyTo. A batch goes in one transaction (one broker sync for all of it). One shared session,
 * so sends from any run are serialised here; a lost connection is reopened on the next send.
 */
@ApplicationScoped
public class JmsDispatcher implements RequestSender {

    @Inject
    BrokerConnection broker;
    @Inject
    BrokerConfig config;

    private JMSContext context;

    /**
     * Sends requests in one transaction: all of them or, when this throws, none.
     *
     * @throws NotSent when the broker cannot be reached or refuses them
     */
    @Override
    public synchronized void send(List<EvaluationRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        try {
            if (context == null) {
                context = broker.factory().createContext(JMSContext.SESSION_TRANSACTED);
            }
            Queue genomes = context.createQueue(config.genomesQueue());
            Queue results = context.createQueue(config.resultsQueue());
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (EvaluationRequest request : requests) {
                TextMessage message = context.createTextMessage(ModelJson.write(request));
                message.setJMSCorrelationID(request.evaluationId());
                message.setJMSReplyTo(results);
                producer.send(genomes, message);
            }
            context.commit();
        } catch (JMSException | JMSRuntimeException e) {
            close();
            throw new NotSent("cannot send " + requests.size() + " request(s) to " + config.genomesQueue() + ": "
                    + e.getMessage(), e);
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
