package org.evocnn.evolution.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.evocnn.model.message.Queues;

import java.nio.file.Path;
import java.util.Optional;

/** The queues evocnn uses, and the in-process broker ({@code evocnn.broker.*}). */
@ConfigMapping(prefix = "evocnn.broker")
public interface BrokerConfig {

    /** Queue the evolution service sends evaluation requests to. */
    @WithDefault(Queues.GENOMES)
    String genomesQueue();

    /** Queue evaluators answer on (the requests' JMSReplyTo). */
    @WithDefault(Queues.RESULTS)
    String resultsQueue();

    /** Where the broker moves requests that failed every delivery attempt. */
    @WithDefault(Queues.DEAD_LETTER)
    String deadLetterQueue();

    Embedded embedded();

    /** An Artemis broker inside the evolution service, for local runs. */
    interface Embedded {
        /** Start it (local runs); off when an external broker is used. */
        @WithDefault("true")
        boolean enabled();

        /** Interface of the TCP acceptor; loopback keeps the broker private to this machine. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("61616")
        int port();

        /** Persistent messages survive restarts: journal, bindings and paging live here. */
        @WithDefault("var/broker")
        Path dataDir();

        /** Deliveries of one request before it is dead-lettered (an evaluator crash costs one). */
        @WithDefault("3")
        int maxDeliveryAttempts();

        /**
         * Longest wait (nanoseconds) of the broker's journal to put more writes under one sync. Every request and
         * result is a persistent message whose commit waits for that sync: a shorter wait means a shorter commit
         * when few are in flight, a longer one fewer syncs when many commit at once.
         */
        @WithDefault("500000")
        long journalBufferTimeoutNs();

        /** Wait before a rolled-back request is delivered again. */
        @WithDefault("1000")
        long redeliveryDelayMs();

        /**
         * Users of the embedded broker ({@code user=password} per line): when given, it checks logins and applies the
         * deployed broker's per-role permissions, so no local process can forge results; unset, it is open on
         * loopback as before. The service then logs in with {@code quarkus.artemis.username/password}, evaluators
         * with {@code EVOCNN_BROKER_USER/PASSWORD}.
         */
        Optional<Path> usersFile();

        /** Their roles ({@code role=user,user} per line); unset: the deployed broker's roles file. */
        Optional<Path> rolesFile();
    }
}
