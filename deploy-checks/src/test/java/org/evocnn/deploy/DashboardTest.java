package org.evocnn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard parses, every panel queries Prometheus through the provisioned data source, and every metric it
 * names is one of evocnn's (the services' tests check those names against their live /q/metrics).
 */
class DashboardTest {

    @Test
    void everyPanelQueriesEvocnnMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Manifests.ROOT.resolve("k8s/base/grafana/evocnn.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("evocnn");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                Matcher m = Pattern.compile("[a-z_]+_[a-z_]+(?=[{\\[ )]|$)").matcher(target.path("expr").asText());
                List<String> metrics = new ArrayList<>();
                while (m.find()) {
                    metrics.add(m.group());
                }
                assertThat(metrics).as(panel.path("title").asText()).isNotEmpty()
                        .allMatch(name -> name.startsWith("evocnn_") || name.equals("histogram_quantile"));
            }
        }
        assertThat(titles).contains("Queue depth (messages waiting or in delivery)",
                "Evaluators (consumers of the genomes queue)", "In flight", "Evaluations per minute by status",
                "Best fitness (validation loss, lower is better)", "Training time distribution");
    }
}
