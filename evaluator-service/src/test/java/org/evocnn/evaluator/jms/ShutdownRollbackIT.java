package org.evocnn.evaluator.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packaged evaluator told to stop (SIGTERM, as Kubernetes does when it scales down) in the middle of a fold longer
 * than its shutdown wait cannot hand the evaluation on after the fold (ScaleInIT covers that), so it rolls the request
 * back: the process exits, nothing is answered, and the broker delivers the same request again to the next consumer.
 */
class ShutdownRollbackIT {

    @TempDir
    Path work;

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private Process evaluator;

    @AfterEach
    void stop() {
        if (evaluator != null) {
            evaluator.destroyForcibly();
        }
        broker.stop();
    }

    @Test
    void aStoppedEvaluatorRollsItsRequestBackForRedelivery() throws Exception {
        broker.start();
        Path log = work.resolve("evaluator.log");
        evaluator = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Devocnn.evaluator.mode=simulated",
                "-Devocnn.evaluator.simulation.seconds-per-mflop=100", // minutes: still running when stopped
                "-Devocnn.evaluator.shutdown-wait=1s",
                "-Dquarkus.artemis.url=" + EmbeddedBroker.url() + "?consumerWindowSize=0",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLog(log, "consuming evocnn.genomes");

        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url() + "?consumerWindowSize=0");
             JMSContext client = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue results = client.createQueue(EmbeddedBroker.RESULTS);
            EvaluationId id = EvaluationId.fitness("run-stop", 1);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(id,
                    ReferenceNetwork.MNIST_EVOLVED.genome(),
                    new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 1))), id.text());
            client.commit();
            Thread.sleep(3_000); // taken and being evaluated

            evaluator.destroy(); // SIGTERM
            assertThat(evaluator.waitFor(60, TimeUnit.SECONDS)).as("exits after its shutdown wait").isTrue();
            assertThat(Files.readString(log)).contains("shutting down mid-evaluation");

            try (JMSConsumer genomes = client.createConsumer(client.createQueue(EmbeddedBroker.GENOMES));
                 JMSConsumer answers = client.createConsumer(results)) {
                Message again = genomes.receive(10_000);
                assertThat(again).as("the request is back in the queue").isNotNull();
                assertThat(again.getJMSCorrelationID()).isEqualTo(id.text());
                assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
                assertThat(answers.receive(500)).as("nothing was answered").isNull();
                client.commit();
            }
        }
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the evaluator did not log '" + text + "'; see " + log);
    }
}
