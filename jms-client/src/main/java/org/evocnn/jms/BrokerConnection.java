package org.evocnn.jms;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The connection factories of a service, for the configured protocol. Consumers that must not hold messages they are
 * not working on (evaluators) take {@link #factory(boolean) factory(false)}: Artemis' consumer window or OpenWire's
 * prefetch of 0.
 */
@ApplicationScoped
public class BrokerConnection {

    @Inject
    ConnectionFactory artemis;
    @Inject
    JmsClientConfig config;
    @ConfigProperty(name = "quarkus.artemis.url")
    Optional<String> artemisUrl;
    @ConfigProperty(name = "quarkus.artemis.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.artemis.password")
    Optional<String> password;

    private ConnectionFactory prefetching;
    private ConnectionFactory oneAtATime;

    /** The factory for everything but evaluation consumers. */
    public ConnectionFactory factory() {
        return factory(true);
    }

    public synchronized ConnectionFactory factory(boolean prefetch) {
        if (prefetch && prefetching == null) {
            prefetching = create(true);
        } else if (!prefetch && oneAtATime == null) {
            oneAtATime = create(false);
        }
        return prefetch ? prefetching : oneAtATime;
    }

    public JmsClientConfig.Protocol protocol() {
        return config.protocol();
    }

    /** Where the factory connects, for logs and health. */
    public String describe() {
        return config.protocol() == JmsClientConfig.Protocol.OPENWIRE ? "OpenWire " + config.openwireUrl()
                : "Artemis core " + artemisUrl.orElse("(quarkus.artemis.url not set)");
    }

    private ConnectionFactory create(boolean prefetch) {
        if (config.protocol() == JmsClientConfig.Protocol.OPENWIRE) {
            org.apache.activemq.ActiveMQConnectionFactory openwire =
                    new org.apache.activemq.ActiveMQConnectionFactory(config.openwireUrl());
            username.filter(u -> !u.isBlank()).ifPresent(openwire::setUserName);
            password.filter(p -> !p.isBlank()).ifPresent(openwire::setPassword);
            if (!prefetch) {
                openwire.getPrefetchPolicy().setAll(0);
            }
            Log.infof("JMS over OpenWire (ActiveMQ Classic client): %s%s", config.openwireUrl(),
                    prefetch ? "" : ", no prefetch");
            return openwire;
        }
        if (!prefetch && artemis instanceof org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory core) {
            core.setConsumerWindowSize(0);
        }
        return artemis;
    }
}
