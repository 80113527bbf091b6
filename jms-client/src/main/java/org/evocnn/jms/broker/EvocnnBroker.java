package org.evocnn.jms.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.evocnn.model.message.Queues;

/**
 * evocnn's in-process Artemis broker as k8s's broker.xml describes the deployed one: persistent, a TCP acceptor for
 * evaluator processes and an in-VM acceptor for the process itself, the genomes / results / dead-letter queues, the
 * resume divert, redelivery and dead letters. Used by the evolution service's local profile and the broker-floor
 * benchmark; artemis-server is an optional dependency of this module, which those two declare.
 */
public final class EvocnnBroker {

    /** Where a process reaches its embedded broker without a socket. */
    public static final String IN_VM_URL = "vm://0";

    /**
     * @param deadLetterQueue       where requests that failed every delivery attempt go
     * @param maxDeliveryAttempts   deliveries of one request before it is dead-lettered
     * @param redeliveryDelayMs     wait before a rolled-back request is delivered again
     * @param journalBufferTimeoutNs longest wait of the journal to put more writes under one sync
     */
    public record Settings(String genomesQueue, String resultsQueue, String deadLetterQueue, int maxDeliveryAttempts,
                           long redeliveryDelayMs, long journalBufferTimeoutNs) {

        /** The service's defaults (evocnn.broker.*). */
        public static Settings defaults() {
            return new Settings(Queues.GENOMES, Queues.RESULTS, Queues.DEAD_LETTER, 3, 1000, 500_000);
        }
    }

    private EvocnnBroker() {
    }

    /** The configuration: persistent in {@code data}, one TCP acceptor on {@code host:port}, its queues. */
    public static Configuration configuration(Settings settings, String data, String host, int port) {
        Configuration configuration = new ConfigurationImpl()
                .setName("evocnn")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(data + "/journal")
                .setBindingsDirectory(data + "/bindings")
                .setPagingDirectory(data + "/paging")
                .setLargeMessagesDirectory(data + "/large-messages")
                // NIO: libaio is absent on most machines and images evocnn runs on
                .setJournalType(JournalType.NIO)
                .setJournalBufferTimeout_NIO((int) settings.journalBufferTimeoutNs());
        try {
            configuration.addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port)
                    // the process's own connection: in-process calls instead of loopback TCP, whose system calls and
                    // thread hand-offs were half of the master's CPU
                    .addAcceptorConfiguration("in-vm", IN_VM_URL);
        } catch (Exception e) {
            throw new IllegalArgumentException("acceptor tcp://" + host + ":" + port + ": " + e.getMessage(), e);
        }
        // an expiry address, as in broker.xml: without one Artemis warns (AMQ222166) for every queue it creates,
        // the queue gauges' temporary reply queue every 5 s among them
        configuration.addAddressSetting("#", new AddressSettings()
                .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                .setDeadLetterAddress(SimpleString.of(settings.deadLetterQueue()))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(settings.redeliveryDelayMs()));
        for (String queue : new String[] {settings.genomesQueue(), settings.resultsQueue(), settings.deadLetterQueue(),
                Queues.EXPIRY}) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
        // as broker.xml: requests handed on by evaluators that are shutting down go back to the genomes queue
        configuration.addQueueConfiguration(QueueConfiguration.of(Queues.GENOMES_RESUME)
                .setRoutingType(RoutingType.ANYCAST));
        configuration.addDivertConfiguration(new DivertConfiguration().setName("resume-evaluations")
                .setAddress(Queues.GENOMES_RESUME).setForwardingAddress(settings.genomesQueue()).setExclusive(true)
                .setRoutingType(ComponentConfigurationRoutingType.ANYCAST));
        return configuration;
    }
}
