package org.evocnn.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The java processes a local run, a benchmark or a crash test starts (the packaged service and evaluators), each
 * logging to {@code <work>/<name>.log}. {@link #close()} stops all of them: politely, then forcibly.
 */
public final class LocalProcesses implements AutoCloseable {

    private final Path work;
    private final List<Process> processes = new ArrayList<>();

    public LocalProcesses(Path work) {
        this.work = work;
    }

    /** The packaged service of a checkout. */
    public static Path serviceJar(Path root) {
        return root.resolve("evolution-service/target/quarkus-app/quarkus-run.jar");
    }

    /** The packaged evaluator of a checkout. */
    public static Path evaluatorJar(Path root) {
        return root.resolve("evaluator-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Starts {@code java <jvmArgs> -jar jar} with extra environment variables. */
    public Process start(String name, Path jar, List<String> jvmArgs, Map<String, String> env) throws IOException {
        return start(name, jar, jvmArgs, env, null);
    }

    /** The same in a working directory ({@code null}: this process's). */
    public Process start(String name, Path jar, List<String> jvmArgs, Map<String, String> env, Path directory)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -B -DskipTests package");
        }
        Files.createDirectories(work); // for the logs
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    /**
     * The packaged service of {@code root} in the local profile: its embedded broker on {@code brokerPort} with data
     * in {@code <work>/broker}, runs in {@code <work>/runs}, HTTP on {@code httpPort}.
     */
    public Process startLocalService(Path root, int httpPort, int brokerPort, String... extraJvmArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dquarkus.profile=local",
                "-Dquarkus.http.port=" + httpPort,
                "-Devocnn.broker.embedded.port=" + brokerPort,
                "-Devocnn.broker.embedded.data-dir=" + work.resolve("broker"),
                "-Devocnn.runs-dir=" + work.resolve("runs")));
        args.addAll(List.of(extraJvmArgs));
        return start("evolution-service", serviceJar(root), args);
    }

    /**
     * {@code count} DL4J evaluators of the checkout's packaged jar on the local broker, sharing the cores: each gets
     * cores / count OpenMP threads, waiting passively so a busy neighbour does not stall them.
     */
    public void startEvaluators(Path root, int brokerPort, Path dataDir, String dataset, int count)
            throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / count);
        for (int i = 1; i <= count; i++) {
            start("evaluator-" + i, evaluatorJar(root), List.of(
                    "-Dquarkus.http.port=0",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.artemis.url=tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0",
                    "-Devocnn.evaluator.data-dir=" + dataDir,
                    "-Devocnn.evaluator.datasets=" + dataset,
                    "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("user.home") + "/.javacpp/cache"),
                    Map.of("OMP_NUM_THREADS", String.valueOf(threads), "OMP_WAIT_POLICY",
                            System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE"), "HOSTNAME", "evaluator-" + i));
        }
    }

    /** A local service started for a benchmark: its processes, its REST client, its broker's port. */
    public record Benchmarked(LocalProcesses processes, ServiceClient service, int brokerPort, Path root,
                              ProcessHandle serviceProcess) {
    }

    /**
     * Starts the checkout's packaged service (root from {@code -Devocnn.root}) in a new temporary work directory and
     * waits until it is ready; everything started there stops when this JVM exits.
     */
    public static Benchmarked startForBenchmark(String workPrefix) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("evocnn.root", ".")).toAbsolutePath().normalize();
        LocalProcesses processes = new LocalProcesses(Files.createTempDirectory(workPrefix));
        Runtime.getRuntime().addShutdownHook(new Thread(processes::close));
        int httpPort = freePort();
        int brokerPort = freePort();
        ServiceClient service = ServiceClient.local(httpPort);
        Process serviceProcess = processes.startLocalService(root, httpPort, brokerPort);
        service.awaitReady(Duration.ofSeconds(90));
        return new Benchmarked(processes, service, brokerPort, root, serviceProcess.toHandle());
    }

    public Process start(String name, Path jar, List<String> jvmArgs) throws IOException {
        return start(name, jar, jvmArgs, Map.of());
    }

    public Path log(String name) {
        return work.resolve(name + ".log");
    }

    public Path work() {
        return work;
    }

    /** Stops every process started here, newest first. */
    @Override
    public void close() {
        synchronized (processes) {
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                p.destroy();
                try {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            processes.clear();
        }
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
