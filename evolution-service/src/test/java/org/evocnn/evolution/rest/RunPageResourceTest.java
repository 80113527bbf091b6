package org.evocnn.evolution.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.evolution.jms.QueueGauges;
import org.evocnn.evolution.run.PlayedEvaluators;
import org.evocnn.evolution.run.RunRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** What the web page reads: its files from the jar, the fitness columns, finals, queues, defaults. */
@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class RunPageResourceTest {

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;
    @Inject
    QueueGauges queues;

    @Test
    void thePageAndEverythingItLoadsAreServedFromTheJar() {
        String html = given().get("/").then().statusCode(200).extract().asString();
        Matcher assets = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"").matcher(html);
        int found = 0;
        while (assets.find()) {
            given().get(assets.group(1)).then().statusCode(200);
            found++;
        }
        assertThat(found).as("uPlot's script and style, the page's own").isEqualTo(4);
        assertThat(html).doesNotContain("http://", "https://"); // no CDN
    }

    @Test
    void fitnessColumnsArriveIncrementallyAndTheOtherViewsAnswer() throws Exception {
        String runId = given().contentType("application/json").body("""
                        {"task": {"folds": 2, "epochs": 1},
                         "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 2, "seed": 5,
                                       "termination": {"maxEvaluations": 12}}}""")
                .post("/api/runs").then().statusCode(201).extract().path("runId");
        new PlayedEvaluators(connectionFactory, config).answerUntilFinished(registry.get(runId).orElseThrow(), Set.of());

        given().get("/api/runs/" + runId + "/fitness").then().statusCode(200)
                .body("since", equalTo(0)).body("total", equalTo(12)).body("sequence", hasSize(12))
                .body("loss", hasSize(12)).body("status[0]", equalTo("ok"));
        given().get("/api/runs/" + runId + "/fitness?since=10").then().statusCode(200)
                .body("since", equalTo(10)).body("total", equalTo(12)).body("sequence", equalTo(List.of(11, 12)));
        given().get("/api/runs/" + runId + "/fitness?since=-1").then().statusCode(400);
        given().get("/api/runs/" + runId + "/population").then().statusCode(200)
                .body("[0].layers", org.hamcrest.Matchers.containsString("dense #"));
        given().get("/api/runs/" + runId + "/final").then().statusCode(200).body("", hasSize(0));
        given().get("/api/runs/" + runId + "/evaluations?status=bogus").then().statusCode(400)
                .body("errors[0]", org.hamcrest.Matchers.startsWith("status: unknown status 'bogus', allowed: ok, "));
        given().get("/api/runs/" + runId + "/evaluations?status=failed").then().statusCode(200)
                .body("total", equalTo(0));
        given().get("/api/runs/" + runId + "/evaluations?status=ok&size=5").then().statusCode(200)
                .body("total", equalTo(12)).body("evaluations", hasSize(5));

        queues.refresh();
        given().get("/api/broker").then().statusCode(200).body("role", equalTo(List.of("genomes", "results",
                "dead letters"))).body("[0].queue", equalTo(config.genomesQueue()));
        given().get("/api/spec/defaults").then().statusCode(200).body("evolution.popSize", equalTo(20))
                .body("task.dataset", equalTo("mnist"));
    }
}
