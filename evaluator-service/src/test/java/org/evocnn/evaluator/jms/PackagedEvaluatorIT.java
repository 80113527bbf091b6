package org.evocnn.evaluator.jms;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.Queues;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The packaged fast-jar ({@code java -jar target/quarkus-app/quarkus-run.jar}) loads ND4J's native oneDNN build,
 * trains the paper's evolved MNIST network on the fixture and answers over a real broker.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(EmbeddedBroker.class)
class PackagedEvaluatorIT {

    @Test
    void fastJarTrainsWithTheNativeBackendAndAnswers() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext()) {
            Queue results = client.createQueue(EmbeddedBroker.RESULTS);
            try (JMSConsumer consumer = client.createConsumer(results)) {
                EvaluationId id = EvaluationId.fitness("run-it", 1);
                EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(id,
                        ReferenceNetwork.MNIST_EVOLVED.genome(),
                        new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 1))), id.text());

                Message reply = consumer.receive(120_000);

                assertThat(reply).isNotNull();
                assertThat(reply.getJMSCorrelationID()).isEqualTo(id.text());
                EvaluationResult result = ModelJson.readResult(((TextMessage) reply).getText());
                assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
                assertThat(result.trainableParams()).isEqualTo(431_659L);
                assertThat(result.evaluator().backend()).isEqualTo("cpu");
                assertThat(result.evaluator().device()).contains("oneDNN").contains("nd4j " + expectedBuild());
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // the build the packaged evaluator chose for this CPU, and oneDNN's helper on its convolutions
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'evocnn-backend' }.data.nativeBuild",
                        startsWith("nd4j " + expectedBuild() + (forced() == null
                                ? " (the fastest carried build this CPU runs" : " (asked for by EVOCNN_ND4J_VARIANT")))
                .body("checks.find { it.name == 'evocnn-backend' }.data.convolutionHelper", equalTo("MKLDNNConvHelper"));
    }

    /** A build asked for by the suite's environment (to try the one another CPU would load), or null. */
    private static String forced() {
        String v = System.getenv(org.evocnn.training.nativecpu.NativeVariants.ENV);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** What this CPU's flags call for among the builds the evaluator carries (the AVX-512 and generic ones). */
    private static String expectedBuild() {
        if (forced() != null) {
            return forced();
        }
        var flags = org.evocnn.training.nativecpu.CpuFlags.read(org.evocnn.training.nativecpu.CpuFlags.PROC_CPUINFO);
        return flags.containsAll(java.util.Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq")) ? "onednn-avx512"
                : "onednn";
    }

    /**
     * A final training answers with its trained network: a bytes message whose body (an Artemis large message,
     * streamed) is the DL4J file the result names by hash and size, with the manifest beside it.
     */
    @Test
    void aFinalTrainingAnswersWithItsNetworkAsALargeMessage() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext()) {
            Queue results = client.createQueue(EmbeddedBroker.RESULTS);
            try (JMSConsumer consumer = client.createConsumer(results)) {
                EvaluationId id = EvaluationId.finalTraining("run-it", 1, 1);
                EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(id,
                        ReferenceNetwork.MNIST_BASELINE.genome(),
                        new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 1))), id.text());

                Message reply = consumer.receive(120_000);

                assertThat(reply).isInstanceOf(BytesMessage.class);
                assertThat(reply.getJMSCorrelationID()).isEqualTo(id.text());
                assertThat(reply.propertyExists("_AMQ_LARGE_SIZE")).as("a large message").isTrue();
                EvaluationResult result = ModelJson.readResult(reply.getStringProperty(Queues.RESULT_PROPERTY));
                assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
                ModelManifest manifest = ModelJson.read(reply.getStringProperty(Queues.MANIFEST_PROPERTY),
                        ModelManifest.class);
                assertThat(manifest.sha256()).isEqualTo(result.model().sha256());
                assertThat(manifest.genome()).isEqualTo(ReferenceNetwork.MNIST_BASELINE.genome());
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                CountingDigest body = new CountingDigest(digest);
                reply.setObjectProperty("JMS_AMQ_SaveStream", body);
                assertThat(body.count).isEqualTo(result.model().bytes()).isGreaterThan(2_000_000L);
                assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(result.model().sha256());
            }
        }
    }

    /** Hashes and counts what is written to it. */
    private static final class CountingDigest extends java.io.OutputStream {
        private final MessageDigest digest;
        long count;

        CountingDigest(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            count += len;
        }
    }
}
