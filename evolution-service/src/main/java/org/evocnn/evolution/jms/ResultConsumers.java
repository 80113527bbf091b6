package org.evocnn.evolution.jms;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.jms.BrokerConnection;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    private Optional<EvaluationResult> fromResult(String body) {
        try {
            return Optional.of(ModelJson.readResult(body));
        } catch (InvalidJsonException e) {
            Optional<EvaluationId> id = ModelJson.readIds(body);
            Log.errorf("unreadable result%s: %s", id.map(i -> " for " + i).orElse(""), e.getMessage());
            return id.map(i -> EvaluationResult.failed(i, "unreadable result: " + e.getMessage(), 0, null));
        }
    }

    private Optional<EvaluationResult> fromDeadLetter(String body) {
        Optional<EvaluationId> id = ModelJson.readIds(body);
        if (id.isEmpty()) {
            Log.errorf("dead-lettered message without evocnn ids dropped: %.200s", body);
            return Optional.empty();
        }
        Log.warnf("request %s was dead-lettered: counted as failed", id.get());
        return Optional.of(EvaluationResult.failed(id.get(),
                "dead-lettered: no evaluator answered it within the broker's delivery attempts", 0, null));
    }

    private Thread consume(String queue, Function<String, Optional<EvaluationResult>> toResult) {
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
                                String body = message instanceof TextMessage text ? text.getText() : null;
                                toResult.apply(body == null ? "" : body).ifPresent(batch::add);
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
