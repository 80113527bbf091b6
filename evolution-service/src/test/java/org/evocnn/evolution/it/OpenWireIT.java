package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.broker.region.policy.SharedDeadLetterStrategy;
import org.apache.activemq.command.ActiveMQQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenWire switch: an ActiveMQ Classic broker (the OpenWire peer, in the test's JVM) and the packaged service and
 * evaluator with {@code EVOCNN_JMS_PROTOCOL=openwire}. Their Artemis core URLs point where no broker listens, so the
 * run can only complete, and the service only become ready, over OpenWire.
 */
class OpenWireIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Cluster cluster;
    private BrokerService broker;

    @AfterEach
    void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    @Test
    void bothServicesRunAnEvolutionOverOpenWire() throws Exception {
        cluster = new Cluster(work);
        broker = new BrokerService();
        broker.setBrokerName("classic");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setAdvisorySupport(false);
        // Classic's dead letters go to ActiveMQ.DLQ unless told otherwise; evocnn listens on DLQ
        SharedDeadLetterStrategy deadLetters = new SharedDeadLetterStrategy();
        deadLetters.setDeadLetterQueue(new ActiveMQQueue("DLQ"));
        PolicyEntry policy = new PolicyEntry();
        policy.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(policy);
        broker.setDestinationPolicy(policies);
        broker.addConnector("tcp://127.0.0.1:" + cluster.brokerPort);
        broker.start();
        broker.waitUntilStarted();

        int nowhere = org.evocnn.launcher.LocalProcesses.freePort();
        Map<String, String> openwire = Map.of("EVOCNN_JMS_PROTOCOL", "openwire",
                "EVOCNN_JMS_OPENWIRE_URL", "tcp://127.0.0.1:" + cluster.brokerPort);
        Map<String, String> serviceEnv = new java.util.HashMap<>(openwire);
        serviceEnv.put("EVOCNN_BROKER_URL", "tcp://127.0.0.1:" + nowhere);
        cluster.startProdService("service", serviceEnv);
        // the users the prod service read from its working directory: a stranger may not start a run, the operator may
        assertThat(new org.evocnn.launcher.ServiceClient(cluster.service.base()).raw("POST", "/api/runs", "{}")
                .statusCode()).isEqualTo(401);
        cluster.startEvaluator("evaluator", 0.01, "tcp://127.0.0.1:" + nowhere, openwire);

        String runId = cluster.createRun("""
                {"evolution": {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 9,
                               "termination": {"maxEvaluations": 16}}}""");
        JsonNode finished = cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"));
        assertThat(finished.path("evaluations").path("completed").asInt()).isEqualTo(16);
        assertThat(finished.path("evaluations").path("ok").asInt()).isPositive();
        cluster.assertExactlyOnce(runId, 16);

        JsonNode health = cluster.service.get("/q/health/ready");
        assertThat(health.toString()).contains("OpenWire tcp://127.0.0.1:" + cluster.brokerPort);
        assertThat(Files.readString(cluster.processes.log("evaluator"))).contains("over OpenWire");
    }
}
