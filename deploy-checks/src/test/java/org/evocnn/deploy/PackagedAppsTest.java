package org.evocnn.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images copy {@code target/quarkus-app} of each service (their Dockerfiles): what is packaged there is what
 * ships. Neither holds a tool, benchmark, launcher or test fixture, as a jar or as a class.
 */
class PackagedAppsTest {

    private static final List<String> NOT_SHIPPED = List.of("org/evocnn/tools/", "org/evocnn/launcher/",
            "org/evocnn/fixtures/", "/bench/", "/cli/");

    @ParameterizedTest
    @ValueSource(strings = {"evolution-service", "evaluator-service"})
    void thePackagedAppHoldsNoToolClass(String service) throws IOException {
        Path app = Path.of("..", service, "target", "quarkus-app");
        assertThat(app.resolve("quarkus-run.jar")).as("packaged before deploy-checks runs").exists();
        List<String> evocnnJars = new ArrayList<>();
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(app)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("org.evocnn.") || jar.getParent().getFileName().toString().equals("app")) {
                    evocnnJars.add(name);
                    try (JarFile entries = new JarFile(jar.toFile())) {
                        entries.stream().filter(e -> e.getName().endsWith(".class")).map(e -> name + "!" + e.getName())
                                .filter(e -> NOT_SHIPPED.stream().anyMatch(e::contains)).forEach(offending::add);
                    }
                }
            }
        }
        assertThat(evocnnJars).as("evocnn's own jars in %s", app)
                .anyMatch(n -> n.contains("shared-model")).noneMatch(n -> n.contains("tools")
                        || n.contains("launcher") || n.contains("test-fixtures"));
        assertThat(offending).isEmpty();
    }

    @Test
    void theCheckSeesAToolClassWhereThereIsOne() throws IOException {
        Path tools = Path.of("..", "tools", "target");
        try (Stream<Path> files = Files.list(tools)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("tools-.*\\.jar")).findFirst().orElseThrow();
            try (JarFile entries = new JarFile(jar.toFile())) {
                assertThat(entries.stream().map(e -> e.getName()).filter(e -> e.endsWith(".class")))
                        .anyMatch(e -> NOT_SHIPPED.stream().anyMatch(e::contains));
            }
        }
    }
}
