package org.evocnn.evolution.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.evocnn.evolution.jms.QueueGauges;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.evolution.run.PlayedEvaluators;
import org.evocnn.evolution.run.RunRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live /q/metrics: queue gauges read from the broker through the management API, per-run meters with the run's
 * real counts, and every evolution-service metric the Grafana dashboard queries.
 */
@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class MetricsTest {

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;
    @Inject
    QueueGauges queues;
    @Inject
    RunMetrics runMetrics;

    @Test
    void queueDepthsRunCountsAndEveryDashboardMetricAreExported() throws Exception {
        String runId = given().contentType("application/json")
                .body("""
                        {"evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 3,
                                       "termination": {"maxEvaluations": 9}}}""")
                .post("/api/runs").then().statusCode(201).extract().path("runId");

        queues.refresh(); // nobody consumes yet: the run's requests wait in the genomes queue
        assertThat(queues.value(config.genomesQueue(), "messageCount")).isGreaterThanOrEqualTo(3);
        assertThat(queues.value(config.genomesQueue(), "consumerCount")).isZero();
        assertThat(queues.value(config.deadLetterQueue(), "messageCount")).isGreaterThanOrEqualTo(0);

        var evolutionRun = registry.get(runId).orElseThrow();
        new PlayedEvaluators(connectionFactory, config).answerUntilFinished(evolutionRun, Set.of());
        // a redelivered result: counted by reason, not dropped without a trace
        registry.deliver(org.evocnn.model.message.EvaluationResult.failed(
                org.evocnn.model.message.EvaluationId.fitness(runId, 1), "again", 0, null));
        runMetrics.refresh();
        queues.refresh();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        String run = "run=\"" + runId + "\"";
        assertThat(value(metrics, "evocnn_run_evaluations_total", run, "status=\"ok\"")
                + value(metrics, "evocnn_run_evaluations_total", run, "status=\"invalid\"")
                + value(metrics, "evocnn_run_evaluations_total", run, "status=\"failed\"")).isEqualTo(9);
        assertThat(value(metrics, "evocnn_run_in_flight", run)).isZero();
        assertThat(value(metrics, "evocnn_run_population_size", run)).isEqualTo(4);
        assertThat(value(metrics, "evocnn_run_running", run)).isZero();
        assertThat(value(metrics, "evocnn_run_best_loss", run)).isPositive();
        assertThat(value(metrics, "evocnn_run_results_ignored_total", run, "reason=\"duplicate\"")).isEqualTo(1);
        assertThat(value(metrics, "evocnn_run_dead_letters", run)).isZero();
        assertThat(value(metrics, "evocnn_run_cache_hits_total", run)).isZero(); // no cache asked for
        assertThat(value(metrics, "evocnn_run_evaluator_seconds_total", run))
                .isEqualTo(evolutionRun.snapshot().stats().evaluatorSeconds());
        assertThat(metrics).contains("evocnn_results_ignored_total{reason=\"unknown-run\"}");
        assertThat(value(metrics, "evocnn_broker_queue_messages", "queue=\"" + config.genomesQueue() + "\"")).isZero();

        Set<String> dashboard = new TreeSet<>();
        // the dashboard's panels and the monitoring component's alert rules
        Matcher m = Pattern.compile("evocnn_(run|broker)_[a-z_]+")
                .matcher(Files.readString(Path.of("../k8s/base/grafana/evocnn.json"))
                        + Files.readString(Path.of("../k8s/components/monitoring/prometheus-rule.yaml")));
        while (m.find()) {
            dashboard.add(m.group());
        }
        assertThat(dashboard).contains("evocnn_broker_queue_messages", "evocnn_run_evaluations_total");
        assertThat(dashboard).allSatisfy(name -> assertThat(metrics).as("exported by the evolution service")
                .containsPattern("(?m)^" + name + "[{ ]"));
    }

    /** The value of the one sample of {@code name} whose labels include all of {@code labels}. */
    private static double value(String metrics, String name, String... labels) {
        return metrics.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError("several samples of " + name + " " + String.join(",", labels));
                }).orElseThrow(() -> new AssertionError("no sample of " + name + " " + String.join(",", labels)));
    }
}
