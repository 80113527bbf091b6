package org.evocnn.evolution.broker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.evolution.jms.QueueGauges;
import org.evocnn.evolution.run.PlayedEvaluators;
import org.evocnn.evolution.run.RunRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker with users configured: it checks logins and applies the deployed per-role permissions. The
 * service works as its user in-process, an evaluator as its user over TCP; nobody else gets in, and an evaluator
 * cannot forge requests.
 */
@QuarkusTest
@TestProfile(SecuredEmbeddedBrokerTest.WithUsers.class)
@QuarkusTestResource(FreeBrokerPort.class)
class SecuredEmbeddedBrokerTest {

    public static class WithUsers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evocnn.broker.embedded.users-file",
                    Path.of("src/test/resources/embedded-broker-users.properties").toAbsolutePath().toString(),
                    "quarkus.artemis.username", "service", "quarkus.artemis.password", "service-secret");
        }
    }

    @Inject
    RunRegistry registry;
    @Inject
    BrokerConfig config;
    @Inject
    QueueGauges queues;
    @ConfigProperty(name = "evocnn.broker.embedded.port")
    int port;

    private ActiveMQConnectionFactory tcp(String user, String password) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, user, password);
    }

    @Test
    void theServiceAndAnEvaluatorWorkAsTheirUsersAndNobodyElseGetsIn() throws Exception {
        String runId = given().contentType("application/json").body("""
                        {"task": {"folds": 2, "epochs": 1},
                         "evolution": {"popSize": 4, "minPopSize": 2, "termination": {"maxEvaluations": 6}}}""")
                .post("/api/runs").then().statusCode(201).extract().path("runId");
        var run = registry.get(runId).orElseThrow();
        new PlayedEvaluators(tcp("evaluator", "evaluator-secret"), config).answerUntilFinished(run, Set.of());
        assertThat(run.snapshot().stats().ok()).isEqualTo(6);
        queues.refresh();
        assertThat(queues.value(config.genomesQueue(), "messageCount")).as("the service reads queue counts").isZero();

        assertThatThrownBy(() -> tcp(null, null).createContext().close()).isInstanceOf(JMSSecurityRuntimeException.class);
        assertThatThrownBy(() -> tcp("evaluator", "wrong").createContext().close())
                .isInstanceOf(JMSSecurityRuntimeException.class);
        try (JMSContext evaluator = tcp("evaluator", "evaluator-secret").createContext()) {
            assertThatThrownBy(() -> evaluator.createProducer().send(evaluator.createQueue(config.genomesQueue()),
                    "forged")).isInstanceOf(JMSSecurityRuntimeException.class);
        }
    }
}
