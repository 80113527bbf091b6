package org.evocnn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring component (kube-prometheus-stack): its PodMonitors find both services' pods and their metrics port,
 * both carry the release label Prometheus selects by, and every alert has a summary and a severity. That the rules'
 * metrics are exported is checked where they are made (evolution-service's MetricsTest).
 */
class MonitoringTest {

    @Test
    void podMonitorsFindTheServicesAndTheRulesAreComplete() throws Exception {
        Manifests.Rendered r = Manifests.render("cpu-monitored");
        List<JsonNode> monitors = r.monitoring().stream().filter(m -> m.path("kind").asText().equals("PodMonitor"))
                .toList();
        assertThat(monitors).extracting(m -> m.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("evolution-service", "evaluator");
        for (JsonNode monitor : monitors) {
            assertThat(monitor.path("metadata").path("namespace").asText()).isEqualTo("evocnn");
            assertThat(monitor.path("metadata").path("labels").path("release").asText())
                    .isEqualTo("kube-prometheus-stack");
            Deployment target = r.one(Deployment.class, monitor.path("metadata").path("name").asText());
            Map<String, String> podLabels = target.getSpec().getTemplate().getMetadata().getLabels();
            monitor.path("spec").path("selector").path("matchLabels").fields()
                    .forEachRemaining(e -> assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
            JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").path(0);
            assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
            assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .extracting(ContainerPort::getName).contains(endpoint.path("port").asText());
        }
        JsonNode rule = r.monitoring().stream().filter(m -> m.path("kind").asText().equals("PrometheusRule"))
                .findFirst().orElseThrow();
        JsonNode rules = rule.path("spec").path("groups").path(0).path("rules");
        assertThat(rules.size()).isEqualTo(5);
        rules.forEach(a -> {
            assertThat(a.path("alert").asText()).startsWith("Evocnn");
            assertThat(a.path("expr").asText()).contains("evocnn_");
            assertThat(a.path("labels").path("severity").asText()).isIn("warning", "critical");
            assertThat(a.path("annotations").path("summary").asText()).isNotBlank();
        });
        // the plain overlays stay free of the operator's kinds (clusters without it apply them)
        assertThat(Manifests.render("cpu").monitoring()).isEmpty();
    }
}
