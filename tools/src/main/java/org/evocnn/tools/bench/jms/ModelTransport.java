package org.evocnn.tools.bench.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.jms.broker.EvocnnBroker;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.model.message.Queues;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Artemis broker (embedded, persistent, TCP on 127.0.0.1) and one open connection, carrying files as the
 * evaluator and the service carry trained networks: a streamed, persistent bytes message saved to a file.
 */
public final class ModelTransport implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final ActiveMQConnectionFactory factory;
    private final JMSContext ctx;
    private final Queue queue;
    private final JMSConsumer consumer;

    public ModelTransport(Path data) throws Exception {
        int port = LocalProcesses.freePort();
        broker = new EmbeddedActiveMQ().setConfiguration(EvocnnBroker.configuration(EvocnnBroker.Settings.defaults(),
                data.toString(), "127.0.0.1", port));
        broker.start();
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        ctx = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        queue = ctx.createQueue(Queues.RESULTS);
        consumer = ctx.createConsumer(queue);
    }

    /** Milliseconds from sending {@code file} to its last byte saved in {@code to} at the receiving end. */
    public double carry(Path file, Path to) throws Exception {
        long start = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            BytesMessage message = ctx.createBytesMessage();
            message.setObjectProperty("JMS_AMQ_InputStream", in);
            ctx.createProducer().send(queue, message);
        }
        BytesMessage received = (BytesMessage) consumer.receive(60_000);
        try (OutputStream out = Files.newOutputStream(to)) {
            received.setObjectProperty("JMS_AMQ_SaveStream", out);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    @Override
    public void close() throws Exception {
        ctx.close();
        factory.close();
        broker.stop();
    }
}
