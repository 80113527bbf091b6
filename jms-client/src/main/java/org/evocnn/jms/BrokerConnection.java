package org.evocnn.jms;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

    /**
     * Makes files, end to end, the body of a bytes message: streamed from disk over Artemis core (a large message, read
     * while the message is sent, never whole in memory), read into the message over OpenWire, which cannot stream.
     *
     * @return the streams the send reads; close them once the message is sent (or its send failed)
     */
    public List<Closeable> attachFiles(BytesMessage message, List<Path> files) throws JMSException, IOException {
        if (config.protocol() == JmsClientConfig.Protocol.OPENWIRE) {
            for (Path file : files) {
                message.writeBytes(Files.readAllBytes(file));
            }
            return List.of();
        }
        List<Closeable> opened = new ArrayList<>();
        List<InputStream> streams = new ArrayList<>();
        try {
            for (Path file : files) {
                InputStream in = new BufferedInputStream(Files.newInputStream(file));
                opened.add(in);
                streams.add(in);
            }
        } catch (IOException e) {
            closeAll(opened);
            throw e;
        }
        message.setObjectProperty("JMS_AMQ_InputStream", streams.size() == 1 ? streams.get(0)
                : new SequenceInputStream(Collections.enumeration(streams)));
        return opened;
    }

    /** Writes a bytes message's body into {@code out}: streamed from the broker over Artemis core, in blocks over OpenWire. */
    public void saveBody(BytesMessage message, OutputStream out) throws JMSException, IOException {
        if (config.protocol() == JmsClientConfig.Protocol.OPENWIRE) {
            byte[] block = new byte[1 << 16];
            for (int n; (n = message.readBytes(block)) > 0; ) {
                out.write(block, 0, n);
            }
        } else {
            message.setObjectProperty("JMS_AMQ_SaveStream", out);
        }
    }

    /** Closes what {@link #attachFiles} opened, after the send. */
    public static void closeAll(List<Closeable> opened) {
        for (Closeable stream : opened) {
            try {
                stream.close();
            } catch (IOException e) {
                Log.debug("closing a message body's file after its send", e);
            }
        }
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
