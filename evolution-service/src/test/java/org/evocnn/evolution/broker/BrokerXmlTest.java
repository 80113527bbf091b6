package org.evocnn.evolution.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.XMLUtil;
import org.evocnn.model.message.Queues;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker.xml that docker-compose and k8s give the Artemis image is read by Artemis' own parser, which validates
 * it against the broker's XML schema, and configures what the embedded broker does: evocnn's queues, redelivery,
 * dead letters, and the permissions the services need (management included, for the queue gauges).
 */
class BrokerXmlTest {

    private static final Path BROKER_XML = Path.of("../k8s/base/artemis/broker.xml");

    @Test
    void aMisspeltElementIsRejectedBySchema() throws Exception {
        String misspelt = Files.readString(BROKER_XML).replace("max-delivery-attempts>", "max-delivery-attempt>");
        assertThatThrownBy(() -> parse(misspelt)).hasStackTraceContaining("max-delivery-attempt");
    }

    /** Validates against the broker's schema (as the broker does on start), then reads the configuration. */
    private static Configuration parse(String xml) throws Exception {
        XMLUtil.validate(XMLUtil.stringToElement(xml).getElementsByTagName("core").item(0),
                "schema/artemis-configuration.xsd");
        return new FileConfigurationParser().parseMainConfig(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDeployedBrokerConfigurationIsValidAndMatchesTheEmbeddedOne() throws Exception {
        Configuration parsed = parse(Files.readString(BROKER_XML));
        assertThat(parsed.getName()).isEqualTo("evocnn"); // KEDA's brokerName
        assertThat(parsed.isPersistenceEnabled()).isTrue();
        assertThat(parsed.getJournalBufferTimeout_NIO()).isEqualTo(500_000); // evocnn.broker.embedded's default
        assertThat(parsed.getAcceptorConfigurations()).hasSize(1);
        assertThat(parsed.getAcceptorConfigurations().iterator().next().getParams()).containsEntry("port", "61616");

        AddressSettings settings = parsed.getAddressSettings().get("#");
        assertThat(settings.getDeadLetterAddress().toString()).isEqualTo(Queues.DEAD_LETTER);
        assertThat(settings.getExpiryAddress().toString()).isEqualTo(Queues.EXPIRY);
        assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(3);
        assertThat(settings.getRedeliveryDelay()).isEqualTo(1000);

        // the queue names the services default to, defined once in shared-model
        assertThat(parsed.getAddressConfigurations()).extracting(CoreAddressConfiguration::getName)
                .contains(Queues.GENOMES, Queues.RESULTS, Queues.DEAD_LETTER);
        assertThat(parsed.getAddressConfigurations()).flatExtracting(CoreAddressConfiguration::getQueueConfigs)
                .extracting(q -> q.getName().toString())
                .contains(Queues.GENOMES, Queues.RESULTS, Queues.DEAD_LETTER);
        for (CoreAddressConfiguration address : parsed.getAddressConfigurations()) {
            assertThat(address.getQueueConfigs()).extracting(QueueConfiguration::getRoutingType)
                    .containsOnly(RoutingType.ANYCAST);
        }

        Set<Role> roles = parsed.getSecurityRoles().get("#");
        for (CheckType needed : new CheckType[] {CheckType.SEND, CheckType.CONSUME, CheckType.MANAGE,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.BROWSE}) {
            assertThat(roles).as(needed.name()).anyMatch(r -> r.getName().equals("amq") && needed.hasRole(r));
        }
    }
}
