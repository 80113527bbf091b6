package org.evocnn.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.model.message.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's broker configuration on the real Artemis distribution of the image's release: the rendered
 * StatefulSet's init container (its script, its environment from a Secret shaped like k8s/secrets.example.yaml, the
 * rendered ConfigMap's files) creates and configures an instance, the broker runs it, and every role may do exactly
 * what docs/deploy.md's roles table says over the core protocol, while KEDA's artemis-queue request reads the
 * queue's message count as the monitor and nobody else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealBrokerTest {

    private static final Path HOME = Path.of(System.getProperty("artemis.home", "target/artemis/none"));
    private static final String MONITOR = "keda-reader";
    private static final List<String> QUEUES = List.of(Queues.GENOMES, Queues.RESULTS, Queues.DEAD_LETTER);
    private static final List<String> ADDRESSES = List.of(Queues.GENOMES, Queues.RESULTS, Queues.DEAD_LETTER,
            Queues.GENOMES_RESUME);

    private final Map<String, String> passwords = new HashMap<>();
    private StatefulSet statefulSet;
    private Map<String, String> initEnv;
    private Path instance;
    private Process broker;
    private int corePort;
    private int consolePort;

    @BeforeAll
    void createConfigureAndStart() throws Exception {
        assertThat(HOME.resolve("bin/artemis")).as("the unpacked distribution (mvn generate-test-resources)")
                .isExecutable();
        Manifests.Rendered rendered = Manifests.render("cpu");
        statefulSet = rendered.one(StatefulSet.class, "artemis");
        String image = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        assertThat(image).as("the image runs the release this test runs")
                .isEqualTo("apache/activemq-artemis:" + System.getProperty("artemis.distribution.version"));

        corePort = freePort();
        consolePort = freePort();
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "real-broker");
        instance = Files.createDirectories(work.resolve("instance"));
        Path config = Files.createDirectories(work.resolve("config"));
        // the ConfigMap's files as the init container sees them; only the acceptor's port differs
        ConfigMap files = rendered.one(ConfigMap.class, configMapName());
        for (Map.Entry<String, String> file : files.getData().entrySet()) {
            String text = file.getValue();
            if (file.getKey().equals("broker.xml")) {
                assertThat(text).contains("0.0.0.0:61616");
                text = text.replace("0.0.0.0:61616", "127.0.0.1:" + corePort);
            }
            Files.writeString(config.resolve(file.getKey()), text);
        }
        initEnv = initContainerEnvironment(secretValues());
        initEnv.put("ARTEMIS_HOME", HOME.toAbsolutePath().toString());
        initEnv.put("ARTEMIS_INSTANCE", instance.toAbsolutePath().toString());
        initEnv.put("EVOCNN_CONFIG", config.toAbsolutePath().toString());
        applyConfig();
        Path bootstrap = instance.resolve("etc/bootstrap.xml");
        String web = Files.readString(bootstrap);
        assertThat(web).contains("http://0.0.0.0:8161");
        Files.writeString(bootstrap, web.replace("http://0.0.0.0:8161", "http://127.0.0.1:" + consolePort));

        ProcessBuilder run = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .directory(instance.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("broker.log").toFile());
        run.environment().put("JAVA_HOME", System.getProperty("java.home"));
        broker = run.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(listening(corePort) && jolokia("admin", "read/java.lang:type=Runtime/Uptime").ok())) {
            assertThat(broker.isAlive()).as("the broker runs (" + work.resolve("broker.log") + ")").isTrue();
            assertThat(System.nanoTime()).as("the broker answers within 90 s").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void everyRoleMayDoExactlyWhatTheRolesTableSays() throws Exception {
        Map<String, Map<String, String>> table = DeployDocs.brokerRoles();
        assertThat(table.keySet()).containsExactlyInAnyOrder("admin", "service", "evaluator", "monitor");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> row : table.entrySet()) {
            String user = row.getKey().equals("monitor") ? MONITOR : row.getKey();
            Map<String, String> may = row.getValue();
            try (Connection c = connect(user)) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                for (String address : ADDRESSES) {
                    check(mismatches, user, "send to " + address, listed(may.get("send to"), address),
                            () -> send(s, address));
                }
                for (String queue : QUEUES) {
                    check(mismatches, user, "consume from " + queue, listed(may.get("consume from"), queue),
                            () -> consume(s, queue));
                    check(mismatches, user, "browse " + queue, listed(may.get("browse"), queue),
                            () -> browse(s, queue));
                }
                check(mismatches, user, "read a queue count over the core protocol",
                        !may.get("core management").equals("none"), () -> coreMessageCount(s));
            }
            boolean jolokia = !may.get("Jolokia").equals("none");
            if (jolokia != kedaRequest(user, passwords.get(user)).ok()) {
                mismatches.add(user + ": KEDA's Jolokia request " + (jolokia ? "refused" : "answered"));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void kedasRequestReadsTheMessageCountAsTheMonitorOnly() throws Exception {
        long before = kedaRequest(MONITOR, passwords.get(MONITOR)).value();
        try (Connection c = connect("service")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (int i = 0; i < 3; i++) {
                send(s, Queues.GENOMES);
            }
        }
        Jolokia answer = kedaRequest(MONITOR, passwords.get(MONITOR));
        assertThat(answer.ok()).as(answer.body()).isTrue();
        assertThat(answer.value()).isEqualTo(before + 3);

        assertThat(kedaRequest("evaluator", passwords.get("evaluator")).ok()).isFalse();
        assertThat(kedaRequest(MONITOR, "wrong").ok()).isFalse();
        assertThat(kedaRequest("monitor", passwords.get(MONITOR)).ok()).as("the default name is not a user")
                .isFalse();
        // nothing else: not a message body (an attribute too), not browsing, not the broker's settings
        String queue = queueMBean(Queues.GENOMES);
        assertThat(jolokia(MONITOR, "read/" + queue + "/FirstMessageAsJSON").ok()).isFalse();
        assertThat(jolokia(MONITOR, "exec/" + queue + "/browse()").ok()).isFalse();
        assertThat(jolokia(MONITOR, "read/org.apache.activemq.artemis:broker=%22evocnn%22/Version").ok()).isFalse();
        assertThat(jolokia("admin", "read/" + queue + "/FirstMessageAsJSON").ok()).as("the admin may").isTrue();
    }

    @Test
    void theBrokersHeapIsTheRenderedOneAndFitsItsLimit() throws Exception {
        Jolokia heap = jolokia("admin", "read/java.lang:type=Memory/HeapMemoryUsage/max");
        assertThat(heap.ok()).as(heap.body()).isTrue();
        long expected = bytes(initEnv.get("BROKER_HEAP"));
        assertThat(heap.value()).isEqualTo(expected);
        Container container = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);
        long limit = container.getResources().getLimits().get("memory").getNumericalAmount().longValue();
        assertThat(expected).as("heap plus direct buffers, metaspace and the console fit the limit")
                .isLessThanOrEqualTo(limit * 6 / 10);
    }

    @Test
    void theUsersFileIsPrivateAfterEveryStart() throws Exception {
        Path users = instance.resolve("etc/artemis-users.properties");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        applyConfig();
        assertThat(Files.getPosixFilePermissions(users))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(users)).contains(MONITOR + " = ").doesNotContain("\nmonitor = ");
        assertThat(Files.readString(instance.resolve("etc/artemis-roles.properties")))
                .contains("evocnn-monitor=" + MONITOR);
    }

    @Test
    void strangersAreRefused() {
        assertThat(canConnect("evaluator", "wrong")).isFalse();
        assertThat(canConnect("nobody", "nothing")).isFalse();
        assertThat(canConnect("evaluator", passwords.get("evaluator"))).isTrue();
    }

    // --- the init container, as Kubernetes runs it

    private String configMapName() {
        return statefulSet.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
    }

    /** The Secret evocnn-broker with the example's keys, a fresh password for each, and a non-default monitor. */
    private Map<String, String> secretValues() throws IOException {
        Secret example = Manifests.secretsExample().stream()
                .filter(s -> s.getMetadata().getName().equals("evocnn-broker")).findFirst().orElseThrow();
        Map<String, String> values = new HashMap<>();
        SecureRandom random = new SecureRandom();
        for (String key : example.getStringData().keySet()) {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            values.put(key, key.endsWith("-username") ? MONITOR : Base64.getEncoder().encodeToString(bytes));
        }
        for (String user : List.of("admin", "service", "evaluator")) {
            passwords.put(user, values.get(user + "-password"));
        }
        passwords.put(MONITOR, values.get("monitor-password"));
        return values;
    }

    private Map<String, String> initContainerEnvironment(Map<String, String> secret) {
        Container init = statefulSet.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : init.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else {
                assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("evocnn-broker");
                String key = e.getValueFrom().getSecretKeyRef().getKey();
                assertThat(secret).as("the Secret has the key " + key).containsKey(key);
                env.put(e.getName(), secret.get(key));
            }
        }
        return env;
    }

    private void applyConfig() throws Exception {
        Container init = statefulSet.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        List<String> command = new ArrayList<>(init.getCommand());
        // the script's path inside the pod (/evocnn/...) is the ConfigMap's file here
        command.set(command.size() - 1, Path.of(initEnv.get("EVOCNN_CONFIG"))
                .resolve(Path.of(command.get(command.size() - 1)).getFileName()).toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(initEnv);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    // --- the core protocol

    private Connection connect(String user) throws JMSException {
        Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort + "?reconnectAttempts=0")
                .createConnection(user, passwords.get(user));
        c.start();
        return c;
    }

    private boolean canConnect(String user, String password) {
        try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort).createConnection(user,
                password)) {
            c.start();
            return true;
        } catch (JMSException e) {
            return false;
        }
    }

    private interface Attempt {
        void run() throws JMSException;
    }

    private static void check(List<String> mismatches, String user, String what, boolean allowed, Attempt attempt)
            throws JMSException {
        String refusal = null;
        try {
            attempt.run();
        } catch (JMSSecurityException e) {
            refusal = e.getMessage();
        }
        if ((refusal == null) != allowed) {
            mismatches.add(user + " " + (allowed ? "may but could not " : "may not but did ") + what
                    + (refusal == null ? "" : " (" + refusal + ")"));
        }
    }

    private static void send(Session s, String address) throws JMSException {
        try (MessageProducer p = s.createProducer(s.createQueue(address))) {
            p.send(s.createTextMessage("role check"));
        }
    }

    private static void consume(Session s, String queue) throws JMSException {
        try (MessageConsumer c = s.createConsumer(s.createQueue(queue))) {
            c.receiveNoWait();
        }
    }

    private static void browse(Session s, String queue) throws JMSException {
        try (QueueBrowser b = s.createBrowser(s.createQueue(queue))) {
            b.getEnumeration().hasMoreElements();
        }
    }

    /** The service's queue gauge (QueueGauges): a management message asking for the genomes queue's message count. */
    private static void coreMessageCount(Session s) throws JMSException {
        TemporaryQueue replies = s.createTemporaryQueue();
        Message m = s.createMessage();
        try {
            JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + Queues.GENOMES, "messageCount");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        m.setJMSReplyTo(replies);
        try (MessageProducer p = s.createProducer(s.createQueue("activemq.management"));
             MessageConsumer c = s.createConsumer(replies)) {
            p.send(m);
            Message answer = c.receive(5_000);
            if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
                throw new JMSSecurityException("management refused: " + (answer == null ? "no answer"
                        : answer.getBody(String.class)));
            }
        }
        // the temporary queue goes with the connection, as the service's gauges leave it
    }

    // --- Jolokia on the console port

    record Jolokia(int http, String body) {
        boolean ok() {
            return http == 200 && body.contains("\"status\":200");
        }

        long value() {
            Matcher m = Pattern.compile("\"value\":(\\d+)").matcher(body);
            assertThat(m.find()).as(body).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    private static String queueMBean(String queue) {
        return "org.apache.activemq.artemis:broker=%22evocnn%22,component=addresses,address=%22" + queue
                + "%22,subcomponent=queues,routing-type=%22anycast%22,queue=%22" + queue + "%22";
    }

    /** The request KEDA's artemis-queue scaler makes (its default restApiTemplate, basic auth, Origin header). */
    private Jolokia kedaRequest(String user, String password) throws Exception {
        String endpoint = "127.0.0.1:" + consolePort;
        return get(user, password, "http://" + endpoint + "/console/jolokia/read/" + queueMBean(Queues.GENOMES)
                + "/MessageCount", "http://" + endpoint);
    }

    private Jolokia jolokia(String user, String path) throws Exception {
        return get(user, passwords.get(user), "http://127.0.0.1:" + consolePort + "/console/jolokia/" + path, null);
    }

    private static Jolokia get(String user, String password, String url, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Jolokia(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Jolokia(-1, e.toString());
        }
    }

    // --- helpers

    private static boolean listed(String cell, String name) {
        return cell.equals("all") || Set.of(cell.split(",\\s*")).contains(name);
    }

    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG])").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        long unit = switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            default -> 1L << 30;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
