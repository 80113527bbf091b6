package org.evocnn.evolution.broker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.evocnn.model.message.Queues;

/**
 * The in-process Artemis broker of a local run: persistent, a TCP acceptor on loopback for local evaluator
 * processes and an in-VM acceptor for the service itself, the genomes / results / dead-letter queues, and redelivery
 * with a dead-letter address.
 */
@ApplicationScoped
public class EmbeddedBroker {

    @Inject
    BrokerConfig config;

    /** Where this process reaches its embedded broker without a socket. */
    public static final String IN_VM_URL = "vm://0";

    private EmbeddedActiveMQ broker;

    /** Starts before the application's other start-up observers, which may connect to it. */
    void start(@Observes @Priority(1) StartupEvent event) throws Exception {
        BrokerConfig.Embedded embedded = config.embedded();
        if (!embedded.enabled()) {
            return;
        }
        String data = embedded.dataDir().toAbsolutePath().toString();
        Configuration configuration = configuration(config, data, embedded.host(), embedded.port());
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        if (embedded.usersFile().isPresent()) {
            BrokerSecurity.apply(configuration, broker, embedded.usersFile().get(), embedded.rolesFile());
        }
        broker.start();
        Log.infof("embedded Artemis broker on tcp://%s:%d, data in %s, %s", embedded.host(), embedded.port(), data,
                embedded.usersFile().isPresent() ? "logins and per-role permissions of " + embedded.usersFile().get()
                        : "open (loopback only)");
    }

    /** evocnn's broker: persistent in {@code data}, one TCP acceptor, its queues, redelivery and dead letters. */
    public static Configuration configuration(BrokerConfig config, String data, String host, int port)
            throws Exception {
        BrokerConfig.Embedded embedded = config.embedded();
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
                .setJournalBufferTimeout_NIO((int) embedded.journalBufferTimeoutNs())
                .addAcceptorConfiguration("tcp", "tcp://" + host + ":" + port)
                // the service's own connection: in-process calls instead of loopback TCP, whose system calls and
                // thread hand-offs were half of the master's CPU
                .addAcceptorConfiguration("in-vm", IN_VM_URL)
                // an expiry address, as in broker.xml: without one Artemis warns (AMQ222166) for every queue it
                // creates, the queue gauges' temporary reply queue every 5 s among them
                .addAddressSetting("#", new AddressSettings()
                        .setExpiryAddress(SimpleString.of(Queues.EXPIRY))
                        .setDeadLetterAddress(SimpleString.of(config.deadLetterQueue()))
                        .setMaxDeliveryAttempts(embedded.maxDeliveryAttempts())
                        .setRedeliveryDelay(embedded.redeliveryDelayMs()));
        for (String queue : new String[] {config.genomesQueue(), config.resultsQueue(), config.deadLetterQueue(),
                Queues.EXPIRY}) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
        // as broker.xml: requests handed on by evaluators that are shutting down go back to the genomes queue
        configuration.addQueueConfiguration(QueueConfiguration.of(Queues.GENOMES_RESUME)
                .setRoutingType(RoutingType.ANYCAST));
        configuration.addDivertConfiguration(new DivertConfiguration().setName("resume-evaluations")
                .setAddress(Queues.GENOMES_RESUME).setForwardingAddress(config.genomesQueue()).setExclusive(true)
                .setRoutingType(ComponentConfigurationRoutingType.ANYCAST));
        return configuration;
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Messages ever added to a queue of the embedded broker (0 for an unknown queue or no broker). */
    public long messagesAdded(String queue) {
        if (broker == null) {
            return 0;
        }
        var q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessagesAdded();
    }

    /** Whether this process runs the broker. */
    public boolean running() {
        return broker != null && broker.getActiveMQServer().isActive();
    }
}
