package org.evocnn.evaluator.jms;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
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
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
                assertThat(result.evaluator().device()).contains("oneDNN");
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
