package org.evocnn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml parses and names the services, ports and volumes the README promises; every file it mounts
 * exists; credentials come only from variables that .env.example defines; Prometheus scrapes both services.
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Manifests.ROOT;

    @Test
    void composeNamesTheServicesPortsAndVolumes() throws Exception {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("artemis", "evolution-service", "evaluator",
                "prometheus", "grafana");
        assertThat(services.path("artemis").path("image").asText()).startsWith("apache/activemq-artemis:");
        assertThat(texts(services.path("artemis").path("ports"))).contains("61616:61616", "8161:8161");
        assertThat(texts(services.path("evolution-service").path("ports"))).contains("8080:8080");
        assertThat(texts(services.path("prometheus").path("ports"))).contains("9090:9090");
        assertThat(texts(services.path("grafana").path("ports"))).contains("3000:3000");
        assertThat(fieldNames(compose.path("volumes"))).contains("artemis-data", "runs", "prometheus-data",
                "grafana-data");
        assertThat(texts(services.path("artemis").path("volumes"))).anyMatch(v -> v.startsWith("artemis-data:"));
        assertThat(texts(services.path("evolution-service").path("volumes"))).contains("runs:/deployments/runs");

        JsonNode evaluator = services.path("evaluator");
        assertThat(evaluator.has("ports")).as("a host port would stop --scale").isFalse();
        assertThat(evaluator.has("container_name")).as("a fixed name would stop --scale").isFalse();
        assertThat(evaluator.path("stop_grace_period").asText()).isNotEmpty();
        assertThat(evaluator.path("build").path("dockerfile").asText())
                .isEqualTo("evaluator-service/src/main/docker/Dockerfile.jvm");
        for (String s : List.of("evolution-service", "evaluator")) {
            JsonNode env = services.path(s).path("environment");
            assertThat(env.path("EVOCNN_BROKER_URL").asText()).startsWith("tcp://artemis:61616");
            assertThat(env.path("EVOCNN_BROKER_PASSWORD").asText()).isEqualTo("${ARTEMIS_PASSWORD}");
            assertThat(ROOT.resolve(services.path(s).path("build").path("dockerfile").asText())).isRegularFile();
        }
    }

    @Test
    void everyMountedFileExistsAndEveryVariableIsInTheExampleEnv() throws Exception {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        JsonNode services = YAML.readTree(text).path("services");
        for (JsonNode service : services) {
            for (String volume : texts(service.path("volumes"))) {
                if (volume.startsWith("./security:")) {
                    // the API's users: made by whoever deploys, as the README says, never committed
                    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("security/users.properties");
                    assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("/security/");
                } else if (volume.startsWith("./")) {
                    assertThat(ROOT.resolve(volume.substring(2, volume.indexOf(':')))).exists();
                }
            }
        }
        Properties example = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve(".env.example"))) {
            example.load(in);
        }
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)").matcher(text);
        List<String> variables = new ArrayList<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertThat(variables).isNotEmpty();
        assertThat(example.stringPropertyNames()).containsAll(variables);
        assertThat(Files.readString(ROOT.resolve(".gitignore")).lines()).contains(".env");
    }

    @Test
    void prometheusScrapesBothServicesOnQuarkusMetricsPath() throws Exception {
        JsonNode config = YAML.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        List<String> jobs = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            jobs.add(job.path("job_name").asText());
            assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        }
        assertThat(jobs).containsExactlyInAnyOrder("evolution-service", "evaluator");
        JsonNode datasource = YAML.readTree(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml")
                .toFile()).path("datasources").get(0);
        assertThat(datasource.path("uid").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
