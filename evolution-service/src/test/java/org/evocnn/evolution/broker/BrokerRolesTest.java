package org.evocnn.evolution.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.evocnn.model.message.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deployed broker's security: an embedded broker started with k8s's broker.xml (its security settings and
 * management RBAC) and the deployed roles file. Evaluators may take requests and send results and nothing else; the
 * service does its job but cannot destroy queues; the monitor has no core-protocol access at all.
 */
class BrokerRolesTest {

    private static final Path BROKER_XML = Path.of("../k8s/base/artemis/broker.xml");
    private static final Path ROLES = Path.of("../k8s/base/artemis/artemis-roles.properties");
    private static EmbeddedActiveMQ broker;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("evocnn-broker-roles");
        Configuration config = new FileConfigurationParser().parseMainConfig(new ByteArrayInputStream(
                Files.readString(BROKER_XML).getBytes(StandardCharsets.UTF_8)));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        config.setSecurityEnabled(true).setJournalDirectory(data + "/journal").setBindingsDirectory(data + "/bindings")
                .setPagingDirectory(data + "/paging").setLargeMessagesDirectory(data + "/large");
        config.getAcceptorConfigurations().clear();
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);

        SecurityConfiguration users = new SecurityConfiguration();
        Properties roles = new Properties();
        try (var in = Files.newInputStream(ROLES)) {
            roles.load(in);
        }
        for (String role : roles.stringPropertyNames()) {
            for (String user : roles.getProperty(role).split(",")) {
                users.addUser(user.strip(), user.strip() + "-secret");
                users.addRole(user.strip(), role);
            }
        }
        broker = new EmbeddedActiveMQ().setConfiguration(config)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        broker.start();
        url = "tcp://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    private static Connection connect(String user) throws JMSException {
        Connection c = new ActiveMQConnectionFactory(url).createConnection(user, user + "-secret");
        c.start();
        return c;
    }

    private static void send(Session s, String queue) throws JMSException {
        try (MessageProducer p = s.createProducer(s.createQueue(queue))) {
            p.send(s.createTextMessage("x"));
        }
    }

    private static Message receive(Session s, String queue) throws JMSException {
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            return c.receive(2_000);
        }
    }

    /** A management request as the queue gauges send it; the answer, or null. */
    private static Message manage(Session s, java.util.function.Consumer<Message> request) throws JMSException {
        Queue management = s.createQueue("activemq.management");
        TemporaryQueue replies = s.createTemporaryQueue();
        Message m = s.createMessage();
        request.accept(m);
        m.setJMSReplyTo(replies);
        try (MessageProducer p = s.createProducer(management); MessageConsumer c = s.createConsumer(replies)) {
            p.send(m);
            return c.receive(2_000);
        }
    }

    private static void attribute(Message m, String queue, String attribute) {
        try {
            JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + queue, attribute);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEvaluatorTakesRequestsAndSendsResultsAndNothingElse() throws Exception {
        try (Connection service = connect("service"); Connection evaluator = connect("evaluator")) {
            Session ss = service.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session es = evaluator.createSession(false, Session.AUTO_ACKNOWLEDGE);
            send(ss, Queues.GENOMES);
            assertThat(receive(es, Queues.GENOMES)).as("takes a request").isNotNull();
            send(es, Queues.RESULTS);
            assertThat(receive(ss, Queues.RESULTS)).as("the service takes the result").isNotNull();

            assertThatThrownBy(() -> send(es, Queues.GENOMES)).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("SEND");
            // handing a request on (scale-in) goes through the resume address, which the broker diverts back
            send(es, Queues.GENOMES_RESUME);
            assertThat(receive(es, Queues.GENOMES)).as("the handed-on request is a request again").isNotNull();
            assertThatThrownBy(() -> receive(es, Queues.RESULTS)).isInstanceOf(JMSSecurityException.class)
                    .hasMessageContaining("CONSUME");
            assertThatThrownBy(() -> receive(es, Queues.DEAD_LETTER)).isInstanceOf(JMSSecurityException.class);
            // no queues of its own: neither temporary nor created by use
            assertThatThrownBy(es::createTemporaryQueue).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(es, "evocnn.forged")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> manage(es, m -> attribute(m, Queues.GENOMES, "messageCount")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theServiceReadsQueueCountsButCannotDestroyQueuesAndTheMonitorHasNoCoreAccess() throws Exception {
        try (Connection service = connect("service"); Connection monitor = connect("monitor")) {
            Session ss = service.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message count = manage(ss, m -> attribute(m, Queues.GENOMES, "messageCount"));
            assertThat(JMSManagementHelper.hasOperationSucceeded(count)).isTrue();
            assertThat(receive(ss, Queues.DEAD_LETTER)).as("dead letters are the service's").isNull();

            Message destroy = manage(ss, m -> {
                try {
                    JMSManagementHelper.putOperationInvocation(m, ResourceNames.BROKER, "destroyQueue",
                            Queues.GENOMES);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(JMSManagementHelper.hasOperationSucceeded(destroy)).isFalse();
            assertThat(broker.getActiveMQServer().locateQueue(Queues.GENOMES)).as("still there").isNotNull();
            assertThatThrownBy(() -> receive(ss, Queues.GENOMES)).as("requests are the evaluators'")
                    .isInstanceOf(JMSSecurityException.class);

            // the monitor reads one attribute over Jolokia (deploy-checks' RealBrokerTest), nothing over the core
            Session ms = monitor.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> manage(ms, m -> attribute(m, Queues.GENOMES, "consumerCount")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(ms, Queues.GENOMES)).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> receive(ms, Queues.RESULTS)).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void strangersAreRefused() {
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(url).createConnection("evaluator", "wrong"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(url).createConnection())
                .isInstanceOf(JMSSecurityException.class);
    }
}
