package org.evocnn.evaluator.jms;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.evaluator.work.Delivery;
import org.evocnn.evaluator.work.Disposition;
import org.evocnn.evaluator.work.RequestHandler;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.ModelRef;
import org.evocnn.model.message.Queues;
import org.evocnn.training.export.KeptModels;
import jakarta.jms.BytesMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes evaluation requests from the genomes queue one at a time per consumer thread and hands each to the
 * {@link RequestHandler}; sends what it decides and acknowledges the request in one transacted commit, so an evaluator
 * that dies mid-training leaves the request to be redelivered. The connection factory has a consumer window of 0, so
 * no request waits in this process while it trains another. Told to stop (SIGTERM, scale-in), a busy consumer lets its
 * evaluation finish the fold it trains (the handler then hands the request on) within the shutdown wait.
 */
@ApplicationScoped
public class EvaluationConsumer {

    @Inject
    BrokerConnection broker;
    @Inject
    EvaluatorConfig config;
    @Inject
    RequestHandler handler;
    @Inject
    KeptModels models;

    /** Where a request this evaluator dead-letters came from (the service shows it with the dead letter). */
    public static final String ORIGINAL_QUEUE = "evocnnOriginalQueue";

    private volatile boolean running;
    private final List<Worker> workers = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        if (!config.consume()) {
            return;
        }
        ConnectionFactory connectionFactory = broker.factory(false);
        running = true;
        for (int i = 0; i < config.consumers(); i++) {
            Worker worker = new Worker(i, connectionFactory);
            workers.add(worker);
            worker.thread.start();
        }
        Log.infof("consuming %s with %d consumer(s) over %s", config.genomesQueue(), config.consumers(),
                broker.describe());
    }

    /**
     * Stops taking requests; a fitness evaluation in training is handed on after its current fold, anything else
     * finished, within the shutdown wait, else rolled back.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        for (Worker worker : workers) {
            if (!worker.busy) {
                worker.close(); // wakes its blocked receive
            }
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(config.shutdownWait().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.thread.isAlive()) {
                Log.warn("shutting down mid-evaluation: closing the session rolls the request back for redelivery");
                worker.close();
            }
        }
    }

    /** One consumer thread: a transacted session, reconnecting with back-off when the broker goes away. */
    private final class Worker implements Runnable {
        final Thread thread;
        private final ConnectionFactory connectionFactory;
        private volatile JMSContext context;
        private volatile boolean busy;

        Worker(int index, ConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
            thread = new Thread(this, "evaluation-consumer-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            long backoffMs = 500;
            while (running) {
                try (JMSContext ctx = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
                    context = ctx;
                    JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(config.genomesQueue()));
                    backoffMs = 500;
                    while (running) {
                        // blocking: a timed-out receive can leave a delivery credit behind, and the broker then
                        // pushes the next request to this consumer while it trains, where it waits (seen in
                        // scripts/bench-orchestration: requests held for seconds while other evaluators idled)
                        Message message = consumer.receive();
                        if (message == null) {
                            if (running) {
                                throw new IllegalStateException("the consumer was closed");
                            }
                            break;
                        }
                        busy = true;
                        try {
                            handle(ctx, message);
                        } finally {
                            busy = false;
                        }
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        Log.warnf("broker connection lost (%s); reconnecting in %d ms", e.getMessage(), backoffMs);
                        sleep(backoffMs);
                        backoffMs = Math.min(10_000, backoffMs * 2);
                    }
                } finally {
                    context = null;
                }
            }
        }

        void close() {
            JMSContext ctx = context;
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (RuntimeException e) {
                    Log.debug("closing the session of a busy consumer", e);
                }
            }
        }
    }

    /** Handles one message and commits what the handler decided; any unexpected error rolls back (redelivery). */
    void handle(JMSContext ctx, Message message) {
        List<ParentWeights.Saved> parents = List.of();
        try {
            Delivery delivery;
            if (message instanceof BytesMessage bytes && message.propertyExists(Queues.REQUEST_PROPERTY)) {
                ParentWeights received = ParentWeights.receive(bytes, message.getStringProperty(
                        Queues.REQUEST_PROPERTY), models, broker);
                parents = received.saved();
                delivery = new Delivery(received.requestJson(), kind(message), message.getJMSReplyTo() != null,
                        message.getJMSCorrelationID());
            } else {
                delivery = new Delivery(message instanceof TextMessage text ? text.getText() : null, kind(message),
                        message.getJMSReplyTo() != null, message.getJMSCorrelationID());
            }
            Disposition done = handler.handle(delivery, () -> !running);
            send(ctx, message, done);
            handler.committed(done);
        } catch (JMSException | RuntimeException | Error e) {
            // an Error too: one bad request must not end this consumer thread
            Log.errorf(e, "rolling back a request after an unexpected error; the broker will redeliver it");
            ctx.rollback();
        } finally {
            parents.forEach(ParentWeights.Saved::delete);
        }
    }

    private void send(JMSContext ctx, Message message, Disposition done) throws JMSException {
        if (done instanceof Disposition.Redeliver) {
            ctx.rollback();
            return;
        }
        Destination to;
        Message out;
        List<java.io.Closeable> opened = new ArrayList<>();
        if (done instanceof Disposition.Reply reply && reply.result().model() != null
                && reply.result().model().isKept()) {
            to = message.getJMSReplyTo();
            out = withModel(ctx, reply, opened);
        } else if (done instanceof Disposition.Reply reply) {
            to = message.getJMSReplyTo();
            TextMessage text = ctx.createTextMessage(ModelJson.write(reply.result()));
            text.setJMSCorrelationID(reply.correlationId());
            out = text;
        } else if (done instanceof Disposition.HandOn handOn) {
            to = ctx.createQueue(config.resumeQueue());
            out = ctx.createTextMessage(ModelJson.write(handOn.request()));
            out.setJMSCorrelationID(handOn.correlationId());
            out.setJMSReplyTo(message.getJMSReplyTo());
        } else {
            Disposition.DeadLetter dead = (Disposition.DeadLetter) done;
            to = ctx.createQueue(config.deadLetterQueue());
            out = ctx.createTextMessage(dead.body());
            out.setStringProperty("evocnnError", dead.reason());
            // the broker marks the queues of the messages it dead-letters itself; this one is moved by hand
            out.setStringProperty(ORIGINAL_QUEUE, config.genomesQueue());
        }
        try {
            ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(to, out);
            ctx.commit();
        } finally {
            BrokerConnection.closeAll(opened);
            if (done instanceof Disposition.Reply reply && reply.result().model() != null) {
                models.discard(reply.result().id());
            }
        }
    }

    /**
     * The reply of an evaluation that kept its network: a bytes message whose body is the model file, streamed from
     * disk by Artemis (a large message: never whole in memory); over OpenWire, which cannot stream, read once.
     * The result and the manifest travel as properties. A model file that cannot be read leaves the result without
     * it, saying why.
     */
    private Message withModel(JMSContext ctx, Disposition.Reply reply, List<java.io.Closeable> opened)
            throws JMSException {
        EvaluationResult result = reply.result();
        Path zip = models.zip(result.id());
        try {
            String manifest = Files.readString(models.manifest(result.id()));
            BytesMessage out = ctx.createBytesMessage();
            out.setStringProperty(Queues.RESULT_PROPERTY, ModelJson.write(result));
            out.setStringProperty(Queues.MANIFEST_PROPERTY, manifest);
            out.setJMSCorrelationID(reply.correlationId());
            opened.addAll(broker.attachFiles(out, List.of(zip))); // read while sent, closed after the commit
            return out;
        } catch (IOException e) {
            Log.errorf("the network of %s could not be read for its reply: %s", result.evaluationId(), e.getMessage());
            TextMessage out = ctx.createTextMessage(ModelJson.write(result.withModel(ModelRef.notKept(
                    "the trained network could not be read for the reply: " + e.getMessage()))));
            out.setJMSCorrelationID(reply.correlationId());
            return out;
        }
    }

    /** The JMS kind of a message, e.g. {@code BytesMessage}. */
    private static String kind(Message message) {
        for (Class<?> type : new Class<?>[] {jakarta.jms.BytesMessage.class, jakarta.jms.MapMessage.class,
                jakarta.jms.ObjectMessage.class, jakarta.jms.StreamMessage.class}) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return message instanceof TextMessage ? "TextMessage without text" : "message without a body";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
