package org.evocnn.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine and the shared model stay plain Java: no messaging, framework or deep-learning imports. */
class PurityTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(jakarta\\.|javax\\.|io\\.quarkus|io\\.smallrye|org\\.apache\\.activemq"
                    + "|org\\.deeplearning4j|org\\.nd4j|org\\.eclipse\\.microprofile|io\\.micrometer|io\\.vertx)");

    @Test
    void engineAndSharedModelImportOnlyTheJdkJacksonAndEachOther() throws IOException {
        List<String> offenders = Stream.concat(
                        sources(Path.of("src/main/java")),
                        sources(Path.of("../shared-model/src/main/java")))
                .flatMap(PurityTest::forbiddenImports)
                .toList();

        assertThat(sources(Path.of("src/main/java")).count()).isGreaterThan(10);
        assertThat(sources(Path.of("../shared-model/src/main/java")).count()).isGreaterThan(10);
        assertThat(offenders).isEmpty();
    }

    @Test
    void engineDoesNotUseJackson() throws IOException {
        assertThat(sources(Path.of("src/main/java")).flatMap(file -> lines(file)
                .filter(line -> line.startsWith("import com.fasterxml")).map(line -> file + ": " + line))).isEmpty();
    }

    private static Stream<Path> sources(Path root) throws IOException {
        return Files.walk(root).filter(p -> p.toString().endsWith(".java")).toList().stream();
    }

    private static Stream<String> forbiddenImports(Path file) {
        return lines(file).filter(line -> FORBIDDEN.matcher(line).find()).map(line -> file + ": " + line);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
