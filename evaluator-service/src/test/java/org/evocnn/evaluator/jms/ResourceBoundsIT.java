package org.evocnn.evaluator.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;

/**
 * A packaged evaluator with a bounded memory: a genome whose every field is in range but whose training would take
 * gigabytes (conv 4096 filters of 28x28) is refused within seconds, before anything is built, with the estimate and
 * the cap; the process' resident memory stays under its bound; the next ordinary request is trained as usual.
 */
class ResourceBoundsIT {

    /** The bound the evaluator is started with (JavaCPP's maxphysicalbytes) and its resident memory must keep. */
    private static final long BOUND_BYTES = 1536L << 20;

    private static final Genome HUNGRY = new Genome(List.of(new ConvBlock(4096, 28, RELU), new PoolBlock(28)),
            List.of(new DenseBlock(10, 0, RELU)));

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
    void aResourceHungryGenomeIsRefusedAtOnceAndTheEvaluatorGoesOn() throws Exception {
        broker.start();
        Path log = work.resolve("evaluator.log");
        evaluator = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=0",
                "-Devocnn.evaluator.physical-memory-max=" + BOUND_BYTES,
                "-Devocnn.evaluator.data-dir=" + Path.of("../training/src/test/resources/fixture").toAbsolutePath(),
                "-Devocnn.evaluator.datasets=mnist",
                "-Dquarkus.artemis.url=" + EmbeddedBroker.url() + "?consumerWindowSize=0",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLog(log, "consuming evocnn.genomes");

        TrainingTask task = new TrainingTask("mnist", 2, 1, 128, Optimizer.RMSPROP, 0.001, 0, 1);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext();
             JMSConsumer results = client.createConsumer(client.createQueue(EmbeddedBroker.RESULTS))) {
            EvaluationId hungry = EvaluationId.fitness("run-bounds", 1);
            long sent = System.nanoTime();
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(hungry, HUNGRY, task)),
                    hungry.text());
            EvaluationResult refused = receive(results);
            double seconds = (System.nanoTime() - sent) / 1e9;

            assertThat(refused.id()).isEqualTo(hungry);
            assertThat(refused.status()).isEqualTo(EvaluationStatus.INVALID);
            assertThat(refused.error()).isEqualTo("5,035,344,072 forward FLOPs per sample exceed the cap of 2,000,000,000");
            assertThat(seconds).as("answered without training").isLessThan(10);
            assertThat(residentBytes(evaluator.pid())).as("resident memory").isLessThan(BOUND_BYTES);

            EvaluationId ordinary = EvaluationId.fitness("run-bounds", 2);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(ordinary,
                    ReferenceNetwork.MNIST_EVOLVED.genome(), task)), ordinary.text());
            EvaluationResult trained = receive(results);
            assertThat(trained.id()).isEqualTo(ordinary);
            assertThat(trained.status()).as(trained.error()).isEqualTo(EvaluationStatus.OK);
            assertThat(residentBytes(evaluator.pid())).as("resident memory after training").isLessThan(BOUND_BYTES);
        }
        assertThat(Files.readString(log)).contains("maxphysicalbytes " + BOUND_BYTES);
    }

    /**
     * An evaluator whose caps are lifted (so admission lets a genome of gigabytes through) but whose resident memory
     * is bounded through JavaCPP: training that genome fails on an allocation, the evaluation is answered
     * {@code failed} naming the bound, and the next request is trained.
     */
    @Test
    void anAllocationPastTheMemoryBoundFailsTheEvaluationNotTheEvaluator() throws Exception {
        broker.start();
        Path log = work.resolve("evaluator.log");
        long bound = 1L << 30;
        evaluator = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.port=0",
                "-Devocnn.evaluator.physical-memory-max=" + bound,
                "-Devocnn.evaluator.max-flops=0", "-Devocnn.evaluator.max-training-memory=0",
                "-Devocnn.evaluator.data-dir=" + Path.of("../training/src/test/resources/fixture").toAbsolutePath(),
                "-Devocnn.evaluator.datasets=mnist",
                "-Dquarkus.artemis.url=" + EmbeddedBroker.url() + "?consumerWindowSize=0",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLog(log, "consuming evocnn.genomes");
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext();
             JMSConsumer results = client.createConsumer(client.createQueue(EmbeddedBroker.RESULTS))) {
            // about 3 GiB by the estimate: two 256-filter 5x5 convolutions at batch 128
            Genome wide = new Genome(List.of(new ConvBlock(256, 5, RELU), new ConvBlock(256, 5, RELU)),
                    List.of(new DenseBlock(10, 0, RELU)));
            EvaluationId big = EvaluationId.fitness("run-native", 1);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(big, wide,
                    new TrainingTask("mnist", 2, 1, 128, Optimizer.RMSPROP, 0.001, 0, 1))), big.text());
            EvaluationResult failed = receive(results);
            assertThat(failed.id()).isEqualTo(big);
            assertThat(failed.status()).isEqualTo(EvaluationStatus.FAILED);
            assertThat(failed.error()).startsWith("memory bound reached: ")
                    .contains("maxPhysicalBytes (" + (bound >> 20) + "M)");

            EvaluationId small = EvaluationId.fitness("run-native", 2);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(small,
                    new Genome(List.of(new ConvBlock(4, 3, RELU), new PoolBlock(2)), List.of(new DenseBlock(16, 0, RELU))),
                    new TrainingTask("mnist", 2, 1, 16, Optimizer.RMSPROP, 0.001, 0, 1))), small.text());
            EvaluationResult trained = receive(results);
            assertThat(trained.id()).isEqualTo(small);
            assertThat(trained.status()).as(trained.error()).isEqualTo(EvaluationStatus.OK);
        }
        assertThat(evaluator.isAlive()).isTrue();
    }

    private static EvaluationResult receive(JMSConsumer results) throws Exception {
        Message reply = results.receive(120_000);
        assertThat(reply).as("an answer").isNotNull();
        return ModelJson.readResult(((TextMessage) reply).getText());
    }

    /** VmRSS of a process, from /proc. */
    static long residentBytes(long pid) throws Exception {
        List<String> status = new ArrayList<>(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        String line = status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
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
