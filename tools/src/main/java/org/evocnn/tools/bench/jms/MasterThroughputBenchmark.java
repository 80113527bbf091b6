package org.evocnn.tools.bench.jms;

import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Command;
import picocli.CommandLine;
import org.evocnn.fixtures.ZeroCostEvaluator;
import org.evocnn.launcher.LocalProcesses;
import org.evocnn.launcher.ServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.Queues;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How fast the master turns results into new requests: the packaged service (embedded persistent broker, journal on
 * disk) runs one asynchronous run against zero-cost evaluators, 1, 8 and 64 JMS consumers in this process (no
 * prefetch, transacted like the real evaluator), with as many requests in flight as consumers. Prints evaluations per
 * second, and the delay from a result's commit to the next request's receipt (p50, p99). With every consumer busy
 * until it answers, the k-th result frees the slot that the (consumers + k)-th request fills, so the delay pairs
 * those two. Run it through {@code scripts/bench-master [SECONDS_PER_SETTING]}.
 */
@Command(name = "bench-master", mixinStandardHelpOptions = true,
        description = "The master with zero-cost evaluators: evaluations/s and result-to-request latency.")
public final class MasterThroughputBenchmark implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "20", description = "seconds per setting (default 20)")
    int seconds;
    @Parameters(index = "1", arity = "0..1", defaultValue = "1,8,64", split = ",",
            description = "consumer counts (default 1,8,64)")
    int[] settings;
    @Parameters(index = "2", arity = "0..1", description = "broker-floor: an echo master instead of evocnn's")
    Mode mode;

    enum Mode { broker_floor }

    private MasterThroughputBenchmark() {
    }

    public static void main(String[] args) {
        // a plain JVM has no logging configuration, and JBoss LogManager then formats every Artemis client TRACE
        // message: half of this process' CPU, taken from the broker and the service on the same cores
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("").setLevel(java.util.logging.Level.INFO);
        CommandLine line = new CommandLine(new MasterThroughputBenchmark());
        line.registerConverter(Mode.class, text -> {
            if (!text.equals("broker-floor")) {
                throw new CommandLine.TypeConversionException("expected broker-floor, not '" + text + "'");
            }
            return Mode.broker_floor;
        });
        System.exit(line.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (mode == Mode.broker_floor) {
            BrokerFloor.run(seconds, settings);
            return 0;
        }
        LocalProcesses.Benchmarked started = LocalProcesses.startForBenchmark("evocnn-master-bench");
        ServiceClient service = started.service();
        int brokerPort = started.brokerPort();
        System.out.printf("master throughput: zero-cost evaluators, %d s per setting, %d cores%n", seconds,
                Runtime.getRuntime().availableProcessors());
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0")) {
            for (int consumers : settings) {
                measure(service, started.serviceProcess(), factory, consumers, seconds);
            }
        }
        started.processes().close();
        return 0;
    }

    private static void measure(ServiceClient service, ProcessHandle serviceProcess, ActiveMQConnectionFactory factory,
                                int consumers, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        List<JMSContext> contexts = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            JMSContext ctx = factory.createContext(JMSContext.SESSION_TRANSACTED);
            contexts.add(ctx);
            Thread t = new Thread(() -> answer(ctx, running, received, committed), "zero-cost-" + i);
            t.start();
            threads.add(t);
        }
        Thread.sleep(1_000); // consumers attached
        int warmup = Math.max(3, seconds / 4);
        String body = """
                {"evolution": {"popSize": 20, "minPopSize": 10, "maxInFlight": %d, "seed": 7,
                               "termination": {"maxEvaluations": 0, "timeBudgetSeconds": %d}}}"""
                .formatted(consumers, warmup + seconds + 5);
        String runId = service.post("/api/runs", body).path("runId").asText();
        Thread.sleep(warmup * 1000L);
        long from = System.nanoTime();
        long doneFrom = completed(service, runId);
        long serviceCpuFrom = cpuNanos(serviceProcess);
        long ownCpuFrom = OWN_CPU.getProcessCpuTime();
        Thread.sleep(seconds * 1000L);
        long doneTo = completed(service, runId);
        long serviceCpu = cpuNanos(serviceProcess) - serviceCpuFrom;
        long ownCpu = OWN_CPU.getProcessCpuTime() - ownCpuFrom;
        long to = System.nanoTime();
        service.post("/api/runs/" + runId + "/stop", "");
        while (!service.get("/api/runs/" + runId).path("state").asText().equals("finished")) {
            Thread.sleep(200);
        }
        running.set(false);
        contexts.forEach(JMSContext::close); // wakes the blocked receives
        for (Thread t : threads) {
            t.join();
        }
        double perSecond = (doneTo - doneFrom) / ((to - from) / 1e9);
        long[] d = delays(received, committed, consumers, from, to);
        System.out.printf(Locale.ROOT, "%2d consumers: %,8.0f evaluations/s; result -> next request p50 %.2f ms, "
                        + "p99 %.2f ms (%d pairs)%n", consumers, perSecond, percentile(d, 0.50) / 1e6,
                percentile(d, 0.99) / 1e6, d.length);
        // CPU is what limits this machine: per evaluation, the master (service and its broker) and these evaluators
        long evaluations = Math.max(1, doneTo - doneFrom);
        System.out.printf(Locale.ROOT, "%13s CPU per evaluation: service and broker %.3f ms, zero-cost evaluators %.3f ms;"
                        + " cores busy %.2f of %d%n", "", serviceCpu / 1e6 / evaluations, ownCpu / 1e6 / evaluations,
                (serviceCpu + ownCpu) / (double) (to - from), Runtime.getRuntime().availableProcessors());
    }

    static final com.sun.management.OperatingSystemMXBean OWN_CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }

    private static long completed(ServiceClient service, String runId) throws Exception {
        JsonNode status = service.get("/api/runs/" + runId);
        return status.path("evaluations").path("completed").asLong();
    }

    /**
     * One zero-cost evaluator: take a request, answer it and acknowledge it in one transaction. The receive blocks,
     * as the real evaluator's does (a timed receive can leave the broker a credit to prefetch with).
     */
    static void answer(JMSContext ctx, AtomicBoolean running,
                       ConcurrentLinkedQueue<Long> received, ConcurrentLinkedQueue<Long> committed) {
        try {
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(Queues.GENOMES));
            JMSProducer producer = ctx.createProducer();
            while (running.get()) {
                Message message = consumer.receive();
                if (message == null) {
                    return;
                }
                received.add(System.nanoTime());
                EvaluationRequest request = ModelJson.readRequest(((TextMessage) message).getText());
                TextMessage reply = ctx.createTextMessage(ModelJson.write(ZeroCostEvaluator.answer(request)));
                reply.setJMSCorrelationID(message.getJMSCorrelationID());
                producer.send(message.getJMSReplyTo(), reply);
                ctx.commit();
                committed.add(System.nanoTime());
            }
        } catch (Exception e) {
            if (running.get()) {
                throw new IllegalStateException("zero-cost evaluator failed", e);
            }
        }
    }

    /**
     * Sorted delays from each result's commit (inside the window) to the receipt of the request whose slot it freed:
     * with every consumer busy until it answers, the k-th result pairs with the (consumers + k)-th request.
     */
    static long[] delays(ConcurrentLinkedQueue<Long> received, ConcurrentLinkedQueue<Long> committed, int consumers,
                         long from, long to) {
        long[] r = received.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] c = committed.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Long> delays = new ArrayList<>();
        for (int k = 0; k < c.length && k + consumers < r.length; k++) {
            if (c[k] >= from && c[k] <= to) {
                delays.add(r[k + consumers] - c[k]);
            }
        }
        return delays.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

}
