package org.evocnn.jms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which JMS client both services speak to the broker with ({@code evocnn.jms.*}). */
@ConfigMapping(prefix = "evocnn.jms")
public interface JmsClientConfig {

    /**
     * {@code core}: the Artemis client, configured by {@code quarkus.artemis.*}. {@code openwire}: the ActiveMQ
     * Classic client, for ActiveMQ Classic brokers (e.g. managed ones) or any broker with an OpenWire acceptor.
     */
    @WithDefault("core")
    Protocol protocol();

    /**
     * The broker for {@code openwire}, in ActiveMQ Classic's URL syntax (its {@code jms.*} options apply). Plain
     * {@code tcp://}: the services reconnect by themselves, and a {@code failover:} URL would block readiness checks
     * while the broker is away. User and password are {@code quarkus.artemis.username/password}.
     */
    @WithDefault("tcp://localhost:61616")
    String openwireUrl();

    enum Protocol { CORE, OPENWIRE }
}
