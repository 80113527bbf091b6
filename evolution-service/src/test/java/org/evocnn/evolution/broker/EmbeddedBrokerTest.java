package org.evocnn.evolution.broker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.evocnn.model.message.Queues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class EmbeddedBrokerTest {

    @Inject
    EmbeddedBroker broker;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;

    @Test
    void brokerRunsAndCarriesPersistentMessagesOnTheGenomesQueue() throws Exception {
        assertThat(broker.running()).isTrue();
        try (JMSContext context = connectionFactory.createContext()) {
            Queue genomes = context.createQueue(config.genomesQueue());
            context.createProducer().send(genomes, "hello");
            try (JMSConsumer consumer = context.createConsumer(genomes)) {
                Message message = consumer.receive(5_000);
                assertThat(((TextMessage) message).getText()).isEqualTo("hello");
                assertThat(message.getJMSDeliveryMode()).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
            }
        }
    }

    @Test
    void aRequestRolledBackMaxDeliveryAttemptsTimesIsDeadLettered() throws Exception {
        long deadBefore = broker.messagesAdded(config.deadLetterQueue());
        try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue genomes = context.createQueue(config.genomesQueue());
            context.createProducer().send(genomes, "poison");
            context.commit();
            try (JMSConsumer consumer = context.createConsumer(genomes)) {
                for (int attempt = 1; attempt <= config.embedded().maxDeliveryAttempts(); attempt++) {
                    Message message = consumer.receive(5_000);
                    assertThat(message).as("delivery %d", attempt).isNotNull();
                    assertThat(message.getIntProperty("JMSXDeliveryCount")).isEqualTo(attempt);
                    context.rollback();
                }
                assertThat(consumer.receive(500)).isNull();
            }
            // the service's dead-letter consumer takes it from there (and keeps it with the orphans: no evocnn ids)
            assertThat(broker.messagesAdded(config.deadLetterQueue())).isEqualTo(deadBefore + 1);
        }
    }

    @Test
    void expiredMessagesHaveAnAddressAsInTheDeployedBrokerXml() throws Exception {
        // without one Artemis warns (AMQ222166) for every queue it creates: the queue gauges make one every 5 s
        var settings = EmbeddedBroker.configuration(config, "target/unused", "127.0.0.1", 0).getAddressSettings();
        assertThat(settings.get("#").getExpiryAddress().toString()).isEqualTo(Queues.EXPIRY);
    }
}
