package org.evocnn.evolution.jms;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.run.DeadLetters;
import org.evocnn.evolution.run.IgnoredResults;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Queues;
import org.evocnn.evolution.models.ModelStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Two consumer threads: results from evaluators, and requests the broker dead-lettered after their last delivery,
 * which become {@code failed} results so no run waits for them forever. The messages waiting are taken as one batch,
 * handed to their runs (which journal them with a force before acting on them) and only then acknowledged, so a crash
 * in between redelivers them; runs ignore results they already have. Because of that the acknowledgement need not be
 * durable before the next batch: it is a client acknowledgement the client does not wait for, instead of a transaction
 * commit (one broker sync). Batches are what let one service keep up with many evaluators: a batch costs one journal
 * force and one broker sync (the send of the offspring), whatever its size.
 */
@ApplicationScoped
public class ResultConsumers {

    private static final int MAX_BATCH = 256;

    @Inject
    BrokerConnection broker;
    @Inject
    BrokerConfig config;
    @Inject
    RunRegistry runs;
    @Inject
    ModelStore models;

    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        running = true;
        threads.add(consume(config.resultsQueue(), this::fromResult));
        threads.add(consume(config.deadLetterQueue(), this::fromDeadLetter));
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }

    /** A result; an unreadable one with readable ids becomes a failed result, one without is counted. */
    private Optional<EvaluationResult> fromResult(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes && message.propertyExists(Queues.RESULT_PROPERTY)) {
            return withModel(bytes);
        }
        String body = body(message);
        String problem;
        try {
            return Optional.of(ModelJson.readResult(body));
        } catch (InvalidJsonException e) {
            problem = message instanceof TextMessage ? e.getMessage() : "a " + kind(message) + ", not a text message";
        }
        Optional<EvaluationId> id = ModelJson.readIds(body);
        Log.errorf("unreadable result%s: %s", id.map(i -> " for " + i).orElse(""), problem);
        if (id.isEmpty()) {
            runs.unroutable().ignored(IgnoredResults.Reason.UNREADABLE, String.valueOf(message.getJMSCorrelationID()),
                    problem);
        }
        return id.map(i -> EvaluationResult.failed(i, "unreadable result: " + problem, 0, null));
    }

    /**
     * A result that brings its trained network as the message's body: the network is stored (streamed to disk,
     * checked against the hash the result names) before the result goes to its run, which journals it.
     */
    private Optional<EvaluationResult> withModel(BytesMessage message) throws JMSException {
        String json = message.getStringProperty(Queues.RESULT_PROPERTY);
        EvaluationResult result;
        try {
            result = ModelJson.readResult(json);
        } catch (InvalidJsonException e) {
            Optional<EvaluationId> id = ModelJson.readIds(json);
            Log.errorf("unreadable result%s: %s", id.map(i -> " for " + i).orElse(""), e.getMessage());
            if (id.isEmpty()) {
                runs.unroutable().ignored(IgnoredResults.Reason.UNREADABLE,
                        String.valueOf(message.getJMSCorrelationID()), e.getMessage());
            }
            return id.map(i -> EvaluationResult.failed(i, "unreadable result: " + e.getMessage(), 0, null));
        }
        return Optional.of(models.receive(result, message.getStringProperty(Queues.MANIFEST_PROPERTY),
                out -> broker.saveBody(message, out)));
    }

    /**
     * A dead-lettered request: kept (in its run's directory, or with the orphans when it names no run) and, when its
     * ids can be read, a failed result of its evaluation.
     */
    private Optional<EvaluationResult> fromDeadLetter(Message message) throws JMSException {
        // a request that brought its parents' weights (weight inheritance) holds its JSON in a property
        boolean withWeights = message instanceof BytesMessage && message.propertyExists(Queues.REQUEST_PROPERTY);
        String body = withWeights ? message.getStringProperty(Queues.REQUEST_PROPERTY) : body(message);
        Optional<EvaluationId> id = ModelJson.readIds(body);
        String evaluatorReason = message.getStringProperty("evocnnError");
        if (!(message instanceof TextMessage) && !withWeights) {
            body = "(a " + kind(message) + ", not a text message)";
        }
        String reason = evaluatorReason != null ? "an evaluator could not read it: " + evaluatorReason
                : "no evaluator answered it within the broker's delivery attempts";
        // the broker's own mark, or the evaluator's on a request it moved itself
        String origin = message.propertyExists("_AMQ_ORIG_ADDRESS") ? message.getStringProperty("_AMQ_ORIG_ADDRESS")
                : message.getStringProperty("evocnnOriginalQueue");
        runs.keepDeadLetter(id.map(EvaluationId::runId), new DeadLetters.DeadLetter(System.currentTimeMillis(),
                id.map(EvaluationId::text).orElse(null), reason, origin, body));
        if (id.isEmpty()) {
            Log.errorf("dead-lettered message without evocnn ids kept with the orphans: %s", reason);
            return Optional.empty();
        }
        Log.warnf("request %s was dead-lettered (%s): counted as failed, kept in the run's dead-letters.jsonl",
                id.get(), reason);
        return Optional.of(EvaluationResult.failed(id.get(), "dead-lettered: " + reason, 0, null));
    }

    /** The text of a message; any other kind of message has none. */
    private static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? "" : text.getText();
        }
        return "";
    }

    /** The JMS kind of a message, e.g. {@code BytesMessage}. */
    private static String kind(Message message) {
        for (Class<?> type : new Class<?>[] {jakarta.jms.BytesMessage.class, jakarta.jms.MapMessage.class,
                jakarta.jms.ObjectMessage.class, jakarta.jms.StreamMessage.class, TextMessage.class}) {
            if (type.isInstance(message)) {
                return type.getSimpleName();
            }
        }
        return "Message without a body";
    }

    /** What a consumer makes of one message. */
    @FunctionalInterface
    private interface Reader {
        Optional<EvaluationResult> read(Message message) throws JMSException;
    }

    private Thread consume(String queue, Reader toResult) {
        Thread thread = new Thread(() -> {
            long backoff = 500;
            while (running) {
                try (JMSContext ctx = broker.factory().createContext(JMSContext.CLIENT_ACKNOWLEDGE);
                     JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(queue))) {
                    backoff = 500;
                    while (running) {
                        Message message = consumer.receive(500);
                        if (message != null) {
                            List<EvaluationResult> batch = new ArrayList<>();
                            do {
                                toResult.read(message).ifPresent(batch::add);
                            } while (batch.size() < MAX_BATCH && (message = consumer.receiveNoWait()) != null);
                            runs.deliverAll(batch);
                            ctx.acknowledge();
                        }
                        runs.pollAll();
                    }
                } catch (Exception e) {
                    if (running) {
                        Log.warnf("consumer of %s lost its connection (%s); reconnecting in %d ms", queue, e.getMessage(), backoff);
                        try {
                            Thread.sleep(backoff);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        backoff = Math.min(10_000, backoff * 2);
                    }
                }
            }
        }, "consumer-" + queue);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
