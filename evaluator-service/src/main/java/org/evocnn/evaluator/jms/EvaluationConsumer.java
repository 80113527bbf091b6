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
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.evaluator.k8s.PodDeletionCost;
import org.evocnn.model.message.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes evaluation requests from the genomes queue one at a time and answers on their JMSReplyTo queue. Each
 * request is handled in a transacted session: the result is sent and the request acknowledged in one commit, so an
 * evaluator that dies mid-training leaves the request to be redelivered. The connection factory has a consumer
 * window of 0, so no request waits in this process while it trains another. Told to stop (SIGTERM, scale-in), a
 * busy evaluator finishes the fold it trains and hands the request on with the folds done (see
 * {@link EvaluatorConfig#resumeQueue()}): at most that fold's work is lost, and no delivery attempt is used.
 */
@ApplicationScoped
public class EvaluationConsumer {

    @Inject
    BrokerConnection broker;
    @Inject
    GenomeEvaluator evaluator;
    @Inject
    EvaluatorConfig config;
    @Inject
    EvaluatorMetrics metrics;
    @Inject
    DatasetRegistry datasets;

    private volatile boolean running;
    private final List<Worker> workers = new ArrayList<>();
    /** In a cluster: marks this pod cheap to delete while idle, dear while training (scale-in takes idle first). */
    private final Optional<PodDeletionCost> deletionCost = PodDeletionCost.inCluster();

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

    /** Evaluates one message and commits its answer; any unexpected error rolls back, so the broker redelivers. */
    void handle(JMSContext ctx, Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                deadLetter(ctx, "", "unreadable request: a " + kind(message) + ", not a text message holding JSON");
                return;
            }
            String body = text.getText();
            Destination replyTo = message.getJMSReplyTo();
            EvaluationRequest request;
            try {
                request = ModelJson.readRequest(body);
            } catch (InvalidJsonException e) {
                answerMalformed(ctx, message, body, replyTo, e.getMessage());
                return;
            }
            if (replyTo == null) {
                deadLetter(ctx, body, "request " + request.evaluationId() + " has no JMSReplyTo");
                return;
            }
            metrics.busy(true);
            deletionCost.ifPresent(PodDeletionCost::busy);
            EvaluationResult result;
            try {
                result = evaluator.evaluate(request, () -> !running);
            } catch (GenomeEvaluator.Paused paused) {
                handOn(ctx, message, request, paused.progress());
                return;
            } finally {
                metrics.busy(false);
                deletionCost.ifPresent(PodDeletionCost::idle);
            }
            reply(ctx, replyTo, correlation(message, request.evaluationId()), result);
            metrics.record(result);
            int trainSize = datasets.loadedTrainSize(request.task().dataset());
            if (result.isOk() && trainSize > 0) {
                metrics.throughput(request.kind(), request.task(), trainSize, result.wallSeconds());
            }
            Log.infof("evaluation %s: %s in %.1f s", result.evaluationId(), result.status(), result.wallSeconds());
        } catch (JMSException | RuntimeException | Error e) {
            // an Error too: one bad request must not end this consumer thread
            Log.errorf(e, "rolling back a request after an unexpected error; the broker will redeliver it");
            ctx.rollback();
        }
    }

    /**
     * Sends the request back, with the folds done, for another evaluator, and acknowledges this delivery, in one
     * commit: a new message, so the broker's delivery count starts again. Past the cap on interruptions the delivery
     * is rolled back instead.
     */
    private void handOn(JMSContext ctx, Message message, EvaluationRequest request, Progress done)
            throws JMSException {
        if (done.interruptions() >= config.maxInterruptions()) {
            Log.warnf("evaluation %s interrupted %d times: rolled back for the broker to redeliver",
                    request.evaluationId(), done.interruptions());
            ctx.rollback();
            return;
        }
        EvaluationRequest next = request.withProgress(new Progress(done.interruptions() + 1, done.folds()));
        TextMessage out = ctx.createTextMessage(ModelJson.write(next));
        out.setJMSCorrelationID(correlation(message, request.evaluationId()));
        out.setJMSReplyTo(message.getJMSReplyTo());
        ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ctx.createQueue(config.resumeQueue()), out);
        ctx.commit();
        metrics.handedOn();
        Log.infof("evaluation %s handed on after %d of %d folds (interruption %d)", request.evaluationId(),
                done.folds().size(), request.task().folds(), done.interruptions() + 1);
    }

    private void answerMalformed(JMSContext ctx, Message message, String body, Destination replyTo, String problem)
            throws JMSException {
        Optional<EvaluationId> id = body == null ? Optional.empty() : ModelJson.readIds(body);
        if (id.isPresent() && replyTo != null) {
            EvaluationResult failed = EvaluationResult.failed(id.get(), "malformed request: " + problem, 0, null);
            reply(ctx, replyTo, correlation(message, id.get().text()), failed);
            metrics.record(failed);
            Log.warnf("malformed request %s answered as failed: %s", id.get(), problem);
        } else {
            deadLetter(ctx, body, "unreadable request: " + problem);
        }
    }

    private void reply(JMSContext ctx, Destination replyTo, String correlationId, EvaluationResult result)
            throws JMSException {
        TextMessage out = ctx.createTextMessage(ModelJson.write(result));
        out.setJMSCorrelationID(correlationId);
        ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(replyTo, out);
        ctx.commit();
    }

    private void deadLetter(JMSContext ctx, String body, String reason) throws JMSException {
        TextMessage out = ctx.createTextMessage(body == null ? "" : body);
        out.setStringProperty("evocnnError", reason);
        ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ctx.createQueue(config.deadLetterQueue()), out);
        ctx.commit();
        metrics.deadLettered();
        Log.errorf("request moved to %s: %s", config.deadLetterQueue(), reason);
    }

    /** The JMS kind of a message, e.g. {@code BytesMessage}. */
    private static String kind(Message message) {
        for (Class<?> type : new Class<?>[] {jakarta.jms.BytesMessage.class, jakarta.jms.MapMessage.class,
                jakarta.jms.ObjectMessage.class, jakarta.jms.StreamMessage.class}) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return "message without a body";
    }

    private static String correlation(Message message, String fallback) throws JMSException {
        String id = message.getJMSCorrelationID();
        return id == null || id.isBlank() ? fallback : id;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
