package org.evocnn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml parses and names the services, ports and volumes docs/deploy.md promises, set up like the
 * Kubernetes deployment (the broker's files and per-role users, health checks and start conditions, loopback binds,
 * evaluator limits); every file it mounts exists; credentials come only from variables that .env.example defines;
 * Prometheus scrapes both services.
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Manifests.ROOT;

    @Test
    void composeNamesTheServicesPortsAndVolumes() throws Exception {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("artemis-config", "artemis", "evolution-service",
                "evaluator", "prometheus", "grafana");
        assertThat(services.path("artemis").path("image").asText()).startsWith("apache/activemq-artemis:");
        // published on loopback unless EVOCNN_BIND_ADDRESS says otherwise
        String bind = "${EVOCNN_BIND_ADDRESS:-127.0.0.1}:";
        assertThat(texts(services.path("artemis").path("ports"))).contains(bind + "61616:61616", bind + "8161:8161");
        assertThat(texts(services.path("evolution-service").path("ports"))).contains(bind + "8080:8080");
        assertThat(texts(services.path("prometheus").path("ports"))).contains(bind + "9090:9090");
        assertThat(texts(services.path("grafana").path("ports"))).contains(bind + "3000:3000");
        for (JsonNode service : services) {
            assertThat(texts(service.path("ports"))).allSatisfy(p -> assertThat(p).startsWith(bind));
        }
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
        // scaled evaluators share the host: a CPU limit, as many OpenMP threads, a memory limit and the bound
        assertThat(evaluator.path("cpus").asText()).isEqualTo("${EVALUATOR_CPUS:-2}");
        assertThat(evaluator.path("environment").path("OMP_NUM_THREADS").asText()).isEqualTo("${EVALUATOR_CPUS:-2}");
        assertThat(evaluator.path("mem_limit").asText()).isEqualTo("4g");
        assertThat(evaluator.path("environment").path("EVOCNN_EVALUATOR_PHYSICAL_MEMORY_MAX").asText())
                .isEqualTo("3584M");
        // one broker user per role, as on Kubernetes
        Map<String, String> users = Map.of("evolution-service", "service", "evaluator", "evaluator");
        for (Map.Entry<String, String> e : users.entrySet()) {
            JsonNode service = services.path(e.getKey());
            JsonNode env = service.path("environment");
            assertThat(env.path("EVOCNN_BROKER_URL").asText()).startsWith("tcp://artemis:61616");
            assertThat(env.path("EVOCNN_BROKER_USER").asText()).isEqualTo(e.getValue());
            assertThat(env.path("EVOCNN_BROKER_PASSWORD").asText())
                    .isEqualTo("${BROKER_" + e.getValue().toUpperCase() + "_PASSWORD}");
            assertThat(ROOT.resolve(service.path("build").path("dockerfile").asText())).isRegularFile();
            // they start once the broker is healthy, and say when they are
            assertThat(service.path("depends_on").path("artemis").path("condition").asText())
                    .isEqualTo("service_healthy");
            assertThat(service.path("healthcheck").path("test").toString()).contains("/q/health/");
        }
        // the broker: configured by the deployment's own script and files before it starts, healthy when it listens
        JsonNode config = services.path("artemis-config");
        assertThat(config.path("image").asText()).isEqualTo(services.path("artemis").path("image").asText());
        assertThat(texts(config.path("entrypoint"))).contains("/evocnn/apply-config.sh");
        assertThat(texts(config.path("volumes"))).contains("./k8s/base/artemis:/evocnn:ro");
        assertThat(fieldNames(config.path("environment"))).contains("ADMIN_PASSWORD", "SERVICE_PASSWORD",
                "EVALUATOR_PASSWORD", "MONITOR_USERNAME", "MONITOR_PASSWORD");
        assertThat(services.path("artemis").path("depends_on").path("artemis-config").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(services.path("artemis").path("healthcheck").path("test").toString()).contains("61616");
        // the API's users: a missing folder is an error, not an empty mount that locks everyone out
        JsonNode security = null;
        for (JsonNode volume : services.path("evolution-service").path("volumes")) {
            if (volume.path("target").asText().equals("/deployments/security")) {
                security = volume;
            }
        }
        assertThat(security).isNotNull();
        assertThat(security.path("source").asText()).isEqualTo("./security");
        assertThat(security.path("bind").path("create_host_path").asBoolean(true)).isFalse();
        // the broker image is the one Kubernetes runs
        String k8s = Files.readString(ROOT.resolve("k8s/base/artemis/statefulset.yaml"));
        assertThat(k8s).contains("image: " + services.path("artemis").path("image").asText());
    }

    @Test
    void everyMountedFileExistsAndEveryVariableIsInTheExampleEnv() throws Exception {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));
        JsonNode services = YAML.readTree(text).path("services");
        for (JsonNode service : services) {
            for (JsonNode v : service.path("volumes")) {
                String volume = v.isTextual() ? v.asText() : v.path("source").asText() + ":" + v.path("target").asText();
                if (volume.startsWith("./security:")) {
                    // the API's users: made by whoever deploys, as the README says, never committed
                    assertThat(Files.readString(DeployDocs.FILE)).contains("security/users.properties");
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
