package org.evocnn.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The java processes a local run, a benchmark or a crash test starts (the packaged service and evaluators), each
 * logging to {@code <work>/<name>.log}. {@link #close()} stops all of them: politely, then forcibly. A process that
 * exits on its own is noticed ({@link #exits()}); with {@link #stopAllWhenOneExits} the whole tool stops, saying why.
 */
public final class LocalProcesses implements AutoCloseable {

    /** The status a tool stops with when one of its processes exited on its own. */
    public static final int CHILD_EXITED = 4;

    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    private final Set<Process> stopping = ConcurrentHashMap.newKeySet();
    private final List<Exit> exits = new CopyOnWriteArrayList<>();
    private volatile Consumer<Exit> onExit = e -> { };

    public LocalProcesses(Path work) {
        this.work = work;
    }

    /**
     * The processes of a tool (the local run, a benchmark): stopped when this JVM exits, and stopping it, saying why,
     * when one of them exits on its own ({@link #stopAllWhenOneExits}).
     */
    public static LocalProcesses forTool(Path work) {
        LocalProcesses processes = new LocalProcesses(work);
        Runtime.getRuntime().addShutdownHook(new Thread(processes::close, "stop-children"));
        processes.stopAllWhenOneExits(System.err);
        return processes;
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
        // a JVM crash report beside the log, not in whatever directory the tool was started from
        command.add("-XX:ErrorFile=" + work.toAbsolutePath().resolve(name + ".hs_err_pid%p.log"));
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
        long started = System.nanoTime();
        process.onExit().thenAccept(p -> {
            if (!stopping.contains(p)) {
                Exit exit = new Exit(name, p.pid(), p.exitValue(), Duration.ofNanos(System.nanoTime() - started),
                        log(name), work.toAbsolutePath().resolve(name + ".hs_err_pid" + p.pid() + ".log"));
                exits.add(exit);
                onExit.accept(exit);
            }
        });
        return process;
    }

    /** The processes that exited on their own so far, first first. */
    public List<Exit> exits() {
        return List.copyOf(exits);
    }

    /**
     * From now on, a process that exits on its own (not stopped by {@link #close()} or {@link #stop}) stops the
     * tool: what exited, its status and the last lines of its log go to {@code err}, and this JVM exits with
     * {@link #CHILD_EXITED}, its shutdown hook stopping the other processes. A run whose evaluator died would
     * otherwise wait for results that never come. The exit comes first: a main thread failing on the stopped
     * service must not exit with its own status.
     */
    private void stopAllWhenOneExits(PrintStream err) {
        onExit = exit -> {
            err.println(exit.describe());
            System.exit(CHILD_EXITED);
        };
        exits.stream().findFirst().ifPresent(onExit);
    }

    /** Stops one process on purpose: its exit is not reported. */
    public void stop(Process process) throws InterruptedException {
        stopping.add(process);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A process that exited on its own. */
    public record Exit(String name, long pid, int status, Duration after, Path log, Path crashReport) {

        /** Several lines: what exited, with what status, and the last lines of its log. */
        public String describe() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "evocnn: %s (pid %d) exited with status %d%s after %.1f s; the last lines of %s:%n", name, pid,
                    status, signal(status), after.toMillis() / 1000.0, log));
            lastLines(log, 15).forEach(l -> text.append("  ").append(l).append(System.lineSeparator()));
            if (Files.isRegularFile(crashReport)) {
                text.append("the JVM's crash report: ").append(crashReport).append(System.lineSeparator());
            }
            return text.toString().stripTrailing();
        }

        private static String signal(int status) {
            return switch (status) {
                case 128 + 4 -> " (SIGILL: an instruction this CPU lacks)";
                case 128 + 6 -> " (SIGABRT: the JVM aborted, often a native crash)";
                case 128 + 9 -> " (SIGKILL: killed, perhaps for memory)";
                case 128 + 11 -> " (SIGSEGV)";
                case 128 + 15 -> " (SIGTERM)";
                default -> "";
            };
        }

        static List<String> lastLines(Path file, int count) {
            try {
                List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
                return lines.subList(Math.max(0, lines.size() - count), lines.size());
            } catch (IOException | RuntimeException e) {
                return List.of("(no log: " + e.getMessage() + ")");
            }
        }
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
        LocalProcesses processes = forTool(Files.createTempDirectory(workPrefix));
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
                stopping.add(p);
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
