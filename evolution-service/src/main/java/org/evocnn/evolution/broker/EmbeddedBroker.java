package org.evocnn.evolution.broker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.evocnn.jms.broker.EvocnnBroker;

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
    public static final String IN_VM_URL = EvocnnBroker.IN_VM_URL;

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

    /** evocnn's broker with this service's settings: persistent in {@code data}, one TCP acceptor, its queues. */
    public static Configuration configuration(BrokerConfig config, String data, String host, int port) {
        BrokerConfig.Embedded embedded = config.embedded();
        return EvocnnBroker.configuration(new EvocnnBroker.Settings(config.genomesQueue(), config.resultsQueue(),
                config.deadLetterQueue(), embedded.maxDeliveryAttempts(), embedded.redeliveryDelayMs(),
                embedded.journalBufferTimeoutNs()), data, host, port);
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
