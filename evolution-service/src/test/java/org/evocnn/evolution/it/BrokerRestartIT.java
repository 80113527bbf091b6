package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod set-up: an external broker (here a persistent Artemis in the test's JVM, a separate process from the
 * services) that is stopped mid-run and started again on the same data. The packaged service and evaluator reconnect
 * by themselves, requests and results kept by the broker are delivered, and the run completes with every dispatched
 * evaluation answered exactly once.
 */
class BrokerRestartIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Cluster cluster;
    private EmbeddedActiveMQ broker;

    @AfterEach
    void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private EmbeddedActiveMQ startBroker() throws Exception {
        BrokerConfig config = new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                .withDefaultValue("evocnn.broker.embedded.redelivery-delay-ms", "100").build()
                .getConfigMapping(BrokerConfig.class);
        EmbeddedActiveMQ started = new EmbeddedActiveMQ().setConfiguration(EmbeddedBroker.configuration(config,
                work.resolve("external-broker").toString(), "127.0.0.1", cluster.brokerPort));
        started.start();
        return started;
    }

    @Test
    void bothServicesReconnectAfterTheBrokerRestartsAndTheRunCompletes() throws Exception {
        cluster = new Cluster(work);
        broker = startBroker();
        cluster.startProdService("service",
                Map.of("EVOCNN_BROKER_URL", "tcp://127.0.0.1:" + cluster.brokerPort));
        cluster.startEvaluator("evaluator", 0.02);
        String runId = cluster.createRun("""
                {"evolution": {"popSize": 8, "minPopSize": 4, "maxInFlight": 2, "seed": 8,
                               "termination": {"maxEvaluations": 30}}}""");
        JsonNode before = cluster.awaitStatus(runId, s -> s.path("evaluations").path("completed").asInt() >= 8);

        broker.stop();
        Thread.sleep(3_000); // both services notice and start reconnecting
        broker = startBroker();

        JsonNode finished = cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(before.path("evaluations").path("completed").asInt()).isLessThan(30);
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(30);
        assertThat(finished.path("evaluations").path("failed").asInt()).isZero();
        cluster.assertExactlyOnce(runId, 30);
        assertThat(Files.readString(cluster.processes.log("service"))).contains("reconnecting");
        assertThat(Files.readString(cluster.processes.log("evaluator"))).contains("reconnecting");
    }
}
