package org.evocnn.tools.bench.jms;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.jms.broker.EvocnnBroker;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.TrainingTask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messaging floor under the master benchmark: evocnn's embedded broker configuration and the same zero-cost
 * evaluators, but the master is an echo with no journal, no engine and no JSON of its own — it takes the results
 * waiting (client acknowledgement) and sends as many prepared requests in one transaction over the in-VM connection,
 * as the service does. Everything runs in this one process, so its CPU time is the whole cost. What it reaches is
 * the most any master can reach over this broker on this machine with these evaluators.
 */
final class BrokerFloor {

    private BrokerFloor() {
    }

    static void run(int seconds, int[] settings) throws Exception {
        Path data = Files.createTempDirectory("evocnn-broker-floor");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(EvocnnBroker.configuration(EvocnnBroker.Settings.defaults(), data.toString(), "127.0.0.1", port));
        broker.start();
        System.out.printf("broker floor: echo master, zero-cost evaluators, %d s per setting, %d cores%n", seconds,
                Runtime.getRuntime().availableProcessors());
        try (ActiveMQConnectionFactory evaluators = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + port + "?consumerWindowSize=0");
             ActiveMQConnectionFactory master = new ActiveMQConnectionFactory(EvocnnBroker.IN_VM_URL)) {
            for (int consumers : settings) {
                measure(master, evaluators, consumers, seconds);
            }
        } finally {
            broker.stop();
        }
    }

    private static void measure(ActiveMQConnectionFactory masterFactory, ActiveMQConnectionFactory evaluatorFactory,
                                int consumers, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong results = new AtomicLong();
        List<JMSContext> contexts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            JMSContext ctx = evaluatorFactory.createContext(JMSContext.SESSION_TRANSACTED);
            contexts.add(ctx);
            Thread t = new Thread(() -> MasterThroughputBenchmark.answer(ctx, running, received, committed),
                    "zero-cost-" + i);
            t.start();
            threads.add(t);
        }
        Thread echo = new Thread(() -> echo(masterFactory, consumers, running, results), "echo-master");
        echo.start();
        Thread.sleep(Math.max(3, seconds / 4) * 1000L);
        long from = System.nanoTime();
        long doneFrom = results.get();
        long cpuFrom = MasterThroughputBenchmark.OWN_CPU.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        long done = results.get() - doneFrom;
        long cpu = MasterThroughputBenchmark.OWN_CPU.getProcessCpuTime() - cpuFrom;
        long to = System.nanoTime();
        running.set(false);
        echo.join();
        contexts.forEach(JMSContext::close);
        for (Thread t : threads) {
            t.join();
        }
        long[] d = MasterThroughputBenchmark.delays(received, committed, consumers, from, to);
        System.out.printf(Locale.ROOT, "%2d consumers: %,8.0f evaluations/s; result -> next request p50 %.2f ms, "
                        + "p99 %.2f ms; CPU per evaluation %.3f ms (broker, echo master and evaluators); cores busy "
                        + "%.2f%n", consumers, done / ((to - from) / 1e9),
                MasterThroughputBenchmark.percentile(d, 0.50) / 1e6, MasterThroughputBenchmark.percentile(d, 0.99) / 1e6,
                cpu / 1e6 / Math.max(1, done), cpu / (double) (to - from));
    }

    /** The service's result loop without the service: results in, as many requests out, one commit a batch. */
    private static void echo(ActiveMQConnectionFactory factory, int consumers, AtomicBoolean running,
                             AtomicLong results) {
        EvocnnBroker.Settings config = EvocnnBroker.Settings.defaults();
        String request = ModelJson.write(new EvaluationRequest(EvaluationId.fitness("floor", 1),
                ReferenceNetwork.MNIST_BASELINE.genome(), TrainingTask.paperFitness("mnist")));
        try (JMSContext acks = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
             JMSContext sends = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue genomes = sends.createQueue(config.genomesQueue());
            Queue replies = sends.createQueue(config.resultsQueue());
            JMSProducer producer = sends.createProducer().setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
            JMSConsumer consumer = acks.createConsumer(acks.createQueue(config.resultsQueue()));
            long sequence = 0;
            int toSend = consumers;
            while (running.get()) {
                for (int i = 0; i < toSend; i++) {
                    TextMessage message = sends.createTextMessage(request);
                    message.setJMSCorrelationID("floor-" + sequence++);
                    message.setJMSReplyTo(replies);
                    producer.send(genomes, message);
                }
                sends.commit();
                toSend = 0;
                Message result = consumer.receive(500);
                while (result != null && toSend < 256) {
                    ((TextMessage) result).getText();
                    toSend++;
                    result = consumer.receiveNoWait();
                }
                acks.acknowledge();
                results.addAndGet(toSend);
            }
        } catch (Exception e) {
            throw new IllegalStateException("echo master failed", e);
        }
    }
}
