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
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.run.RequestSender;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationRequest;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import org.evocnn.evolution.models.ModelStore;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.Queues;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    @Inject
    ModelStore models;

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
        List<Closeable> opened = new ArrayList<>();
        try {
            if (context == null) {
                context = broker.factory().createContext(JMSContext.SESSION_TRANSACTED);
            }
            Queue genomes = context.createQueue(config.genomesQueue());
            Queue results = context.createQueue(config.resultsQueue());
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (EvaluationRequest request : requests) {
                Message message = message(request, opened);
                message.setJMSCorrelationID(request.evaluationId());
                message.setJMSReplyTo(results);
                producer.send(genomes, message);
            }
            context.commit();
        } catch (JMSException | JMSRuntimeException | IOException e) {
            close();
            throw new NotSent("cannot send " + requests.size() + " request(s) to " + config.genomesQueue() + ": "
                    + e.getMessage(), e);
        } finally {
            BrokerConnection.closeAll(opened);
        }
    }

    /**
     * A request as a text message; one that brings parents' weights (weight inheritance) as a bytes message whose
     * body is their model files end to end, streamed from disk (an Artemis large message), its JSON in a property. A
     * parent whose file is gone or changed since its result is sent marked missing instead.
     */
    private Message message(EvaluationRequest request, List<Closeable> opened) throws JMSException, IOException {
        if (request.inherit() == null || request.inherit().travelling().isEmpty()) {
            return context.createTextMessage(ModelJson.write(request));
        }
        EvaluationRequest sent = request;
        List<Path> files = new ArrayList<>();
        for (Inherit.Parent parent : request.inherit().travelling()) {
            Path file = models.zip(request.runId(), EvaluationId.fitness(request.runId(), parent.sequence()).text());
            if (Files.isRegularFile(file) && Files.size(file) == parent.bytes()) {
                files.add(file);
            } else {
                Log.warnf("request %s: the weights of parent %d are missing or changed (%s)",
                        request.evaluationId(), parent.sequence(), file);
                sent = sent.withInherit(sent.inherit().withMissing(parent.sequence(), "its weights file "
                        + file.getFileName() + " was missing or changed when the request was sent"));
            }
        }
        if (files.isEmpty()) {
            return context.createTextMessage(ModelJson.write(sent));
        }
        BytesMessage message = context.createBytesMessage();
        message.setStringProperty(Queues.REQUEST_PROPERTY, ModelJson.write(sent));
        opened.addAll(broker.attachFiles(message, files));
        return message;
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
