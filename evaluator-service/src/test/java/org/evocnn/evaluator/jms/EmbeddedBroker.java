package org.evocnn.evaluator.jms;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real Artemis broker in the test JVM (quarkus-test-artemis is not published for quarkus-artemis 3.14): TCP on a
 * free loopback port, no persistence, the genomes queue, a dead-letter queue and three delivery attempts.
 */
public class EmbeddedBroker implements QuarkusTestResourceLifecycleManager {

    static final String GENOMES = "evocnn.genomes";
    static final String RESULTS = "evocnn.results.test";
    static final String DLQ = "DLQ";
    static final int MAX_DELIVERY_ATTEMPTS = 3;

    private static volatile String url;
    private EmbeddedActiveMQ broker;

    /** The broker's TCP URL, for test clients (also in @QuarkusIntegrationTest, where there is no injection). */
    static String url() {
        return url;
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        try {
            Configuration config = new ConfigurationImpl()
                    .setPersistenceEnabled(false)
                    .setSecurityEnabled(false)
                    .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port)
                    .addAddressSetting("#", new AddressSettings()
                            .setExpiryAddress(SimpleString.of(org.evocnn.model.message.Queues.EXPIRY))
                            .setDeadLetterAddress(SimpleString.of(DLQ))
                            .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                            .setRedeliveryDelay(0));
            for (String queue : new String[] {GENOMES, RESULTS, DLQ, org.evocnn.model.message.Queues.EXPIRY}) {
                config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
            }
            broker = new EmbeddedActiveMQ().setConfiguration(config);
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not start", e);
        }
        url = "tcp://127.0.0.1:" + port;
        // also handed to a packaged application started by @QuarkusIntegrationTest
        return Map.of("quarkus.artemis.url", url + "?consumerWindowSize=0",
                "evocnn.evaluator.data-dir", java.nio.file.Path.of("../training/src/test/resources/fixture").toAbsolutePath().toString(),
                "evocnn.evaluator.datasets", "mnist");
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request body as the evolution service does: to the genomes queue, replying to the results queue. */
    static void sendRequest(jakarta.jms.JMSContext client, String body, String correlationId) {
        jakarta.jms.TextMessage message = client.createTextMessage(body);
        try {
            message.setJMSCorrelationID(correlationId);
            message.setJMSReplyTo(client.createQueue(RESULTS));
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        client.createProducer().send(client.createQueue(GENOMES), message);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
