package org.evocnn.evolution.jms;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.evolution.broker.BrokerConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Depth and consumers of the genomes, results and dead-letter queues, read through the Artemis management API (a
 * request to the management address), so they come from whichever broker the service talks to: embedded, compose or
 * in a cluster. Consumers of the genomes queue are the connected evaluators. -1 while the broker cannot be asked.
 */
@ApplicationScoped
public class QueueGauges {

    private static final List<String> ATTRIBUTES = List.of("messageCount", "consumerCount");

    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "evocnn.broker.management-address", defaultValue = "activemq.management")
    String managementAddress;

    private final Map<String, AtomicLong> values = new LinkedHashMap<>();

    /** Registers the gauges; called once from the first refresh. */
    private synchronized void register() {
        if (!values.isEmpty()) {
            return;
        }
        for (String queue : List.of(config.genomesQueue(), config.resultsQueue(), config.deadLetterQueue())) {
            for (String attribute : ATTRIBUTES) {
                AtomicLong value = new AtomicLong(-1);
                values.put(queue + "/" + attribute, value);
                String name = attribute.equals("messageCount") ? "evocnn.broker.queue.messages"
                        : "evocnn.broker.queue.consumers";
                Gauge.builder(name, value, AtomicLong::get)
                        .description(attribute.equals("messageCount") ? "Messages waiting in the queue"
                                : "Consumers attached to the queue")
                        .tag("queue", queue)
                        .register(registry);
            }
        }
    }

    @Scheduled(every = "${evocnn.metrics.queue-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        register();
        try (JMSContext ctx = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue management = ctx.createQueue(managementAddress);
            TemporaryQueue replies = ctx.createTemporaryQueue();
            try (JMSConsumer answers = ctx.createConsumer(replies)) {
                for (Map.Entry<String, AtomicLong> entry : values.entrySet()) {
                    String[] key = entry.getKey().split("/");
                    Message request = ctx.createMessage();
                    JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + key[0], key[1]);
                    request.setJMSReplyTo(replies);
                    ctx.createProducer().send(management, request);
                    Message answer = answers.receive(2_000);
                    entry.getValue().set(answer != null && JMSManagementHelper.hasOperationSucceeded(answer)
                            ? ((Number) JMSManagementHelper.getResult(answer, Long.class)).longValue() : -1);
                }
            }
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            values.values().forEach(v -> v.set(-1));
            Log.debugf("queue gauges: broker not reachable (%s)", e.getMessage());
        } catch (Exception e) {
            values.values().forEach(v -> v.set(-1));
            Log.warnf("queue gauges: unexpected management answer (%s)", e.toString());
        }
    }

    /** The last value read, for tests: -1 when unknown. */
    public long value(String queue, String attribute) {
        AtomicLong v = values.get(queue + "/" + attribute);
        return v == null ? -1 : v.get();
    }
}
