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
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.Queues;
import org.evocnn.model.genome.LayerSource;
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
 * A packaged evaluator with a bounded memory: genomes whose every field is in range but whose training would take
 * gigabytes are refused within seconds, before anything is built, by a cap or by the memory bound; the process'
 * resident memory stays under its bound; the next ordinary request is trained as usual.
 */
class ResourceBoundsIT {

    /** The bound the evaluator is started with (JavaCPP's maxphysicalbytes) and its resident memory must keep. */
    private static final long BOUND_BYTES = 3L << 30;

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
        evaluator = startEvaluator(log, BOUND_BYTES);

        TrainingTask task = new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 0, 1);
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
     * The genome that drove an evaluator to 11 GB (conv 4,096 filters 3x3, pool 28, dense 10; under every cap, 1.6 GiB
     * by the caps' estimate) is refused by the memory bound at once; the largest dense layer under the parameter cap
     * and a network at the search space's largest batch train within it; the evaluator's peak resident memory over all of
     * them stays under its bound.
     */
    @Test
    void underTheDefaultCapsTheMemoryBoundRefusesWhatMayNotFitAndThePeakStaysUnderIt() throws Exception {
        broker.start();
        Path log = work.resolve("evaluator.log");
        long bound = BOUND_BYTES;
        evaluator = startEvaluator(log, bound);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext();
             JMSConsumer results = client.createConsumer(client.createQueue(EmbeddedBroker.RESULTS))) {
            Genome wide = new Genome(List.of(new ConvBlock(4096, 3, RELU), new PoolBlock(28)),
                    List.of(new DenseBlock(10, 0, RELU)));
            EvaluationId first = EvaluationId.fitness("run-bound", 1);
            long sent = System.nanoTime();
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(first, wide,
                    new TrainingTask("mnist", 2, 1, 64, Optimizer.RMSPROP, 0.001, 600, 1))), first.text());
            EvaluationResult refused = receive(results);
            System.out.println("refused: " + refused.error());
            assertThat(refused.id()).isEqualTo(first);
            assertThat(refused.status()).isEqualTo(EvaluationStatus.INVALID);
            assertThat(refused.error()).startsWith("training may need up to ").contains(" MiB at batch 64, more than the ")
                    .endsWith(" MiB left under this evaluator's memory bound of 3,072 MiB");
            assertThat((System.nanoTime() - sent) / 1e9).as("answered without training").isLessThan(10);

            // 6,272 inputs x 700 units: 4.4 M parameters, under the 5 M cap
            Genome dense = new Genome(List.of(new ConvBlock(8, 3, RELU)), List.of(new DenseBlock(700, 0.4, RELU)));
            EvaluationId second = EvaluationId.fitness("run-bound", 2);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(second, dense,
                    new TrainingTask("mnist", 2, 1, 32, Optimizer.RMSPROP, 0.001, 256, 1))), second.text());
            EvaluationResult denseResult = receive(results);
            assertThat(denseResult.id()).isEqualTo(second);
            assertThat(denseResult.status()).as(denseResult.error()).isEqualTo(EvaluationStatus.OK);

            // the search space's largest batch
            Genome moderate = new Genome(List.of(new ConvBlock(64, 5, RELU), new PoolBlock(2)),
                    List.of(new DenseBlock(100, 0, RELU)));
            EvaluationId third = EvaluationId.fitness("run-bound", 3);
            EmbeddedBroker.sendRequest(client, ModelJson.write(new EvaluationRequest(third, moderate,
                    new TrainingTask("mnist", 2, 1, 256, Optimizer.RMSPROP, 0.001, 512, 1))), third.text());
            EvaluationResult batchResult = receive(results);
            assertThat(batchResult.id()).isEqualTo(third);
            assertThat(batchResult.status()).as(batchResult.error()).isEqualTo(EvaluationStatus.OK);
        }
        assertThat(evaluator.isAlive()).isTrue();
        long peak = procStatus(evaluator.pid(), "VmHWM:");
        System.out.printf("evaluator bounded at %,d MiB: peak resident %,d MiB%n", bound >> 20, peak >> 20);
        assertThat(peak).as("the evaluator's peak resident memory").isLessThan(bound);
    }

    /**
     * Weight inheritance at the size the caps allow: the largest dense layer under the 5 M parameter cap (4.4 M
     * parameters, a 17 MB model file), 50 evaluations in a row, each starting from the weights the one before sent
     * back (a large message each way: the reply's body saved, the next request's streamed). Every layer is inherited,
     * the lineage grows by an epoch each time, and the evaluator's peak resident memory stays under its bound.
     */
    @Test
    void withInheritanceFiftyEvaluationsOfTheLargestNetworkStayUnderTheBound() throws Exception {
        broker.start();
        Path log = work.resolve("evaluator.log");
        long bound = BOUND_BYTES;
        evaluator = startEvaluator(log, bound, "-Devocnn.evaluator.models-dir=" + work.resolve("evaluator-models"));
        Genome dense = new Genome(List.of(new ConvBlock(8, 3, RELU)), List.of(new DenseBlock(700, 0.4, RELU)));
        TrainingTask task = new TrainingTask("mnist", 3, 1, 32, Optimizer.RMSPROP, 0.001, 96, 1);
        long start = System.nanoTime();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.url());
             JMSContext client = factory.createContext();
             JMSConsumer results = client.createConsumer(client.createQueue(EmbeddedBroker.RESULTS))) {
            Path weights = null;
            EvaluationResult previous = null;
            for (int n = 1; n <= 50; n++) {
                EvaluationId id = EvaluationId.fitness("run-inherit", n);
                long parent = n - 1;
                Inherit inherit = previous == null ? Inherit.NOTHING : new Inherit(
                        List.of(Inherit.Parent.sent(parent, previous.model(), previous.inherited().lineageEpochs())),
                        java.util.stream.IntStream.range(0, 3).mapToObj(l -> new LayerSource(parent, l)).toList());
                EvaluationRequest request = new EvaluationRequest(id, dense, task).withInherit(inherit);
                jakarta.jms.Message message;
                if (weights == null) {
                    message = client.createTextMessage(ModelJson.write(request));
                } else {
                    jakarta.jms.BytesMessage bytes = client.createBytesMessage();
                    bytes.setStringProperty(Queues.REQUEST_PROPERTY, ModelJson.write(request));
                    bytes.setObjectProperty("JMS_AMQ_InputStream", new java.io.BufferedInputStream(
                            Files.newInputStream(weights)));
                    message = bytes;
                }
                message.setJMSCorrelationID(id.text());
                message.setJMSReplyTo(client.createQueue(EmbeddedBroker.RESULTS));
                client.createProducer().send(client.createQueue(EmbeddedBroker.GENOMES), message);

                Message reply = results.receive(120_000);
                assertThat(reply).as("the answer to evaluation %d", n).isInstanceOf(jakarta.jms.BytesMessage.class);
                EvaluationResult result = ModelJson.readResult(reply.getStringProperty(Queues.RESULT_PROPERTY));
                assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
                assertThat(result.trainableParams()).isGreaterThan(4_000_000L);
                assertThat(result.inherited().error()).isNull();
                assertThat(result.inherited().params()).isEqualTo(n == 1 ? 0 : result.trainableParams());
                assertThat(result.inherited().lineageEpochs()).isEqualTo(n);
                Path received = work.resolve("weights-" + n + ".zip");
                try (var out = Files.newOutputStream(received)) {
                    reply.setObjectProperty("JMS_AMQ_SaveStream", out);
                }
                assertThat(org.evocnn.training.export.ModelFiles.sha256(received)).isEqualTo(result.model().sha256());
                if (weights != null) {
                    Files.delete(weights);
                }
                weights = received;
                previous = result;
            }
        }
        assertThat(evaluator.isAlive()).isTrue();
        long peak = procStatus(evaluator.pid(), "VmHWM:");
        System.out.printf("50 inheriting evaluations of a %,d-byte network in %.0f s; evaluator bounded at %,d MiB: "
                        + "peak resident %,d MiB%n", Files.size(work.resolve("weights-50.zip")),
                (System.nanoTime() - start) / 1e9, bound >> 20, peak >> 20);
        assertThat(peak).as("the evaluator's peak resident memory").isLessThan(bound);
        try (var left = Files.list(work.resolve("evaluator-models"))) {
            assertThat(left.toList()).as("parents' and children's files removed once answered").isEmpty();
        }
    }

    /** The packaged evaluator on the fixture, its native memory bounded at {@code bound} bytes, consuming. */
    private Process startEvaluator(Path log, long bound, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx512m", "-Dquarkus.http.port=0",
                "-Devocnn.evaluator.physical-memory-max=" + bound,
                "-Devocnn.evaluator.data-dir=" + Path.of("../training/src/test/resources/fixture").toAbsolutePath(),
                "-Devocnn.evaluator.datasets=mnist",
                "-Dquarkus.artemis.url=" + EmbeddedBroker.url() + "?consumerWindowSize=0"));
        command.addAll(List.of(extra));
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        evaluator = started;
        awaitLog(log, "consuming evocnn.genomes");
        return started;
    }

    private static EvaluationResult receive(JMSConsumer results) throws Exception {
        Message reply = results.receive(120_000);
        assertThat(reply).as("an answer").isNotNull();
        return ModelJson.readResult(((TextMessage) reply).getText());
    }

    /** VmRSS of a process, from /proc. */
    static long residentBytes(long pid) throws Exception {
        return procStatus(pid, "VmRSS:");
    }

    /** A size in a process' /proc status (VmRSS, VmHWM), in bytes. */
    static long procStatus(long pid, String field) throws Exception {
        List<String> status = new ArrayList<>(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        String line = status.stream().filter(l -> l.startsWith(field)).findFirst().orElseThrow();
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
