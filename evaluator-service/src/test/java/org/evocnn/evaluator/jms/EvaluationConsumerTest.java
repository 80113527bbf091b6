package org.evocnn.evaluator.jms;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The evaluator over a real Artemis broker, training for real on the 600-image MNIST fixture. */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedBroker.class, restrictToAnnotatedClass = true)
class EvaluationConsumerTest {

    private static final Genome SMALL = new Genome(List.of(new ConvBlock(6, 3, RELU), new PoolBlock(2)),
            List.of(new DenseBlock(24, 0.2, RELU)));

    @ConfigProperty(name = "quarkus.artemis.url")
    String brokerUrl;

    private ActiveMQConnectionFactory factory;
    private JMSContext client;
    private Queue results;

    @BeforeEach
    void connect() {
        factory = new ActiveMQConnectionFactory(brokerUrl);
        client = factory.createContext();
        results = client.createQueue(EmbeddedBroker.RESULTS);
    }

    @AfterEach
    void close() {
        client.close();
        factory.close();
    }

    private void send(String body, String correlationId) {
        EmbeddedBroker.sendRequest(client, body, correlationId);
    }

    /** A request of run {@code runId}; its correlation id is {@code id(runId)}. */
    private static String request(String runId, Genome genome) {
        return ModelJson.write(new EvaluationRequest(EvaluationId.fitness(runId, 1), genome,
                new TrainingTask("mnist", 2, 1, 32, Optimizer.RMSPROP, 0.001, 0, 5)));
    }

    private static String id(String runId) {
        return EvaluationId.fitness(runId, 1).text();
    }

    private Message receive(JMSConsumer consumer) {
        return consumer.receive(60_000);
    }

    @Test
    void requestInCorrectResultOutWithTheSameCorrelationId() throws Exception {
        try (JMSConsumer consumer = client.createConsumer(results)) {
            send(request("ok", SMALL), id("ok"));

            Message reply = receive(consumer);

            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo(id("ok"));
            EvaluationResult result = ModelJson.readResult(((TextMessage) reply).getText());
            assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
            assertThat(result.id()).isEqualTo(EvaluationId.fitness("ok", 1));
            assertThat(result.fitness().foldLosses()).hasSize(2);
            assertThat(result.fitness().accuracy()).isGreaterThan(0.3);
            assertThat(result.trainableParams()).isEqualTo(6L * 9 + 6 + 14 * 14 * 6 * 24 + 24 + 250);
            assertThat(result.evaluator().backend()).isEqualTo("cpu");
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("evocnn_evaluator_evaluations_total{status=\"ok\"}"))
                .body(containsString("evocnn_evaluator_training_seconds"))
                .body(containsString("evocnn_evaluator_busy"));
    }

    @Test
    void invalidGenomeIsAnsweredInvalidWithoutTraining() throws Exception {
        Genome collapsing = new Genome(List.of(new PoolBlock(3), new PoolBlock(3), new PoolBlock(3), new PoolBlock(3)),
                List.of(new DenseBlock(10, 0, RELU)));
        try (JMSConsumer consumer = client.createConsumer(results)) {
            send(request("invalid", collapsing), id("invalid"));

            EvaluationResult result = ModelJson.readResult(((TextMessage) receive(consumer)).getText());

            assertThat(result.status()).isEqualTo(EvaluationStatus.INVALID);
            assertThat(result.error()).contains("conv[3]: pool 3x3 shrinks");
        }
    }

    @Test
    void malformedRequestWithReadableIdsGetsAFailedResultAndTheConsumerKeepsWorking() throws Exception {
        String broken = request("bad", SMALL).replace("\"activation\":\"relu\"", "\"activation\":\"swish\"");
        try (JMSConsumer consumer = client.createConsumer(results)) {
            send(broken, id("bad"));
            send(request("after-bad", SMALL), id("after-bad"));

            Message first = receive(consumer);
            EvaluationResult failed = ModelJson.readResult(((TextMessage) first).getText());
            assertThat(first.getJMSCorrelationID()).isEqualTo(id("bad"));
            assertThat(failed.status()).isEqualTo(EvaluationStatus.FAILED);
            assertThat(failed.error()).startsWith("malformed request: genome.conv[0].activation: unknown activation 'swish'");

            Message second = receive(consumer);
            assertThat(second.getJMSCorrelationID()).isEqualTo(id("after-bad"));
            assertThat(ModelJson.readResult(((TextMessage) second).getText()).status()).isEqualTo(EvaluationStatus.OK);
        }
    }

    @Test
    void unreadableRequestGoesToTheDeadLetterQueueAndTheConsumerKeepsWorking() throws Exception {
        try (JMSConsumer dlq = client.createConsumer(client.createQueue(EmbeddedBroker.DLQ));
             JMSConsumer consumer = client.createConsumer(results)) {
            send("this is not json", "garbage");
            send(request("after-garbage", SMALL), id("after-garbage"));

            Message dead = dlq.receive(30_000);
            assertThat(dead).isNotNull();
            assertThat(((TextMessage) dead).getText()).isEqualTo("this is not json");
            assertThat(dead.getStringProperty("evocnnError")).startsWith("unreadable request: malformed JSON");
            assertThat(dead.getStringProperty(EvaluationConsumer.ORIGINAL_QUEUE)).as("where it came from")
                    .isEqualTo(EmbeddedBroker.GENOMES);

            Message reply = receive(consumer);
            assertThat(reply.getJMSCorrelationID()).isEqualTo(id("after-garbage"));
            assertThat(consumer.receive(500)).isNull();
        }
    }

    /**
     * A forged request whose run id is a path (here a final training, which would keep its network under the id) is
     * dead-lettered saying the run id is not a plain name, and nothing is written anywhere for it.
     */
    @Test
    void aRunIdThatIsAPathIsRefusedAndWritesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        String escape = tmp.toAbsolutePath() + "/escaped";
        String relative = "../".repeat(12) + tmp.toAbsolutePath().toString().substring(1) + "/escaped";
        String valid = ModelJson.write(new EvaluationRequest(EvaluationId.finalTraining("forged", 107, 1), SMALL,
                new TrainingTask("mnist", 2, 1, 32, Optimizer.RMSPROP, 0.001, 0, 5)));
        try (JMSConsumer dlq = client.createConsumer(client.createQueue(EmbeddedBroker.DLQ));
             JMSConsumer consumer = client.createConsumer(results)) {
            for (String runId : java.util.List.of(relative, escape, "a\\u0000b", "r".repeat(300))) {
                send(valid.replace("\"runId\":\"forged\"", "\"runId\":\"" + runId + "\""), "forged");
                Message dead = dlq.receive(30_000);
                assertThat(dead).as(runId).isNotNull();
                assertThat(dead.getStringProperty("evocnnError")).as(runId).startsWith("unreadable request: ")
                        .contains("runId").contains("is not a plain name");
            }
            send(request("after-forged", SMALL), id("after-forged"));
            assertThat(receive(consumer).getJMSCorrelationID()).isEqualTo(id("after-forged"));
            assertThat(consumer.receive(500)).as("nothing answered for the forged ones").isNull();
        }
        try (var left = java.nio.file.Files.list(tmp)) {
            assertThat(left).as("nothing written outside the models directory").isEmpty();
        }
    }

    @Test
    void aBytesMessageIsDeadLetteredSayingWhatItIs() throws Exception {
        try (JMSConsumer dlq = client.createConsumer(client.createQueue(EmbeddedBroker.DLQ))) {
            jakarta.jms.BytesMessage bytes = client.createBytesMessage();
            bytes.writeBytes(request("bytes", SMALL).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bytes.setJMSReplyTo(results);
            client.createProducer().send(client.createQueue(EmbeddedBroker.GENOMES), bytes);

            Message dead = dlq.receive(30_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("evocnnError"))
                    .isEqualTo("unreadable request: a BytesMessage, not a text message holding JSON");
        }
    }

    @Test
    void rolledBackRequestIsRedeliveredAndAnsweredOnce() throws Exception {
        int callsBefore = CrashOnceEvaluator.CALLS.get();
        try (JMSConsumer consumer = client.createConsumer(results)) {
            send(request("crash-once", SMALL), id("crash-once"));

            Message reply = receive(consumer);

            assertThat(reply.getJMSCorrelationID()).isEqualTo(id("crash-once"));
            assertThat(ModelJson.readResult(((TextMessage) reply).getText()).status()).isEqualTo(EvaluationStatus.OK);
            assertThat(consumer.receive(2_000)).as("answered once").isNull();
        }
        assertThat(CrashOnceEvaluator.CALLS.get() - callsBefore).isEqualTo(2);
    }

    @Test
    void readinessCoversTheBrokerAndTheDataSets() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'broker' }.data.connection", startsWith("Artemis core tcp://"))
                .body("checks.name", hasItem("evocnn-datasets"))
                .body("checks.find { it.name == 'evocnn-datasets' }.data.mnist", equalTo("present"));
    }
}
