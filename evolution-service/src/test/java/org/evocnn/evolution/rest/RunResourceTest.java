package org.evocnn.evolution.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.FinalTrainings;
import org.evocnn.evolution.run.PlayedEvaluators;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class RunResourceTest {

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;

    /** Sends a request's head alone and returns what the server answers (up to 2 s). */
    private static String announce(String head) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketTimeoutException e) {
                // the answer is complete; the connection stays open
            }
            return answer.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void badRequestsOfEveryKindGetAJsonBodyThatSaysWhat() {
        String budget = "{\"evolution\": {\"termination\": {\"maxEvaluations\": 2}}}";
        given().contentType("text/plain").body(budget).post("/api/runs").then().statusCode(415)
                .contentType("application/json").body("errors[0]", startsWith("the body must be application/json"));
        // a prediction is a POST: another method is 405 saying which, not 404 as if nothing were there
        for (String method : List.of("GET", "PUT", "DELETE")) {
            given().request(method, "/api/runs/nope/final/nope-final1/predict").then().statusCode(405)
                    .header("Allow", containsString("POST"));
        }
        // a Content-Type that is no media type at all: still a 4xx with the JSON body, never a 500 page
        for (String path : List.of("/api/runs", "/api/runs/nope/final", "/api/runs/nope/final/nope-final1/predict")) {
            int status = given().header("Content-Type", ";;;///===").body(budget.getBytes()).post(path).then()
                    .contentType("application/json").extract().statusCode();
            assertThat(status).as(path).isBetween(400, 499);
        }
        given().contentType("application/json").body("{\"evolution\": {\"popSize\": 4, \"popSize\": 5}}")
                .post("/api/runs").then().statusCode(400).body("errors[0]", containsString("Duplicate field 'popSize'"));
        // a body over the limit is refused on its Content-Length, before it is sent
        String tooLarge = announce("POST /api/runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (9 << 20) + "\r\n\r\n");
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("application/json").contains("larger than 8M");
        given().contentType("application/json").body("{\"task\": {\"batchSize\": 1048576}, \"evolution\": "
                + "{\"termination\": {\"maxEvaluations\": 2}}}").post("/api/runs").then().statusCode(400)
                .body("errors[0]", startsWith("task.batchSize: a batch of 1,048,576 needs about"));
        given().get("/api/runs").then().statusCode(200);
    }

    @Test
    void createWatchAndInspectARun() throws Exception {
        String runId = given().contentType("application/json")
                .body("""
                        {"task": {"folds": 2, "epochs": 1},
                         "evolution": {"popSize": 5, "minPopSize": 3, "maxInFlight": 2,
                                       "termination": {"maxEvaluations": 15}}}""")
                .post("/api/runs")
                .then().statusCode(201)
                .header("Location", containsString("/api/runs/run-"))
                .body("state", equalTo("running"))
                .body("dataset", equalTo("mnist"))
                .extract().path("runId");

        new PlayedEvaluators(connectionFactory, config).answerUntilFinished(registry.get(runId).orElseThrow(), Set.of());

        given().get("/api/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("terminationReason", equalTo("max_evaluations"))
                .body("evaluations.completed", equalTo(15))
                .body("evaluations.inFlight", equalTo(0))
                .body("best.trainableParams", notNullValue());
        given().get("/api/runs").then().statusCode(200).body("runId", hasItem(runId));
        given().get("/api/runs/" + runId + "/population").then().statusCode(200).body("$", hasSize(5));
        given().get("/api/runs/" + runId + "/best").then().statusCode(200)
                .body("summary", containsString("Trainable params:"))
                .body("layers", containsString("dense #"));
        given().get("/api/runs/" + runId + "/evaluations?page=1&size=10").then().statusCode(200)
                .body("total", equalTo(15))
                .body("evaluations", hasSize(5))
                .body("evaluations[0].status", equalTo("ok"));
        given().get("/api/runs/" + runId + "/spec").then().statusCode(200)
                .body("evolution.popSize", equalTo(5))
                .body("task.batchSize", equalTo(128));

        // a request refused with 400 allocates no id (epochs 0 was once refused only after the id was taken)
        given().contentType("application/json").body("{\"reference\": \"mnist-baseline\", \"epochs\": 0}")
                .post("/api/runs/" + runId + "/final").then().statusCode(400);
        String finalId = given().contentType("application/json").body("{\"repeats\": 3, \"epochs\": 1}")
                .post("/api/runs/" + runId + "/final").then().statusCode(202)
                .body("label", containsString("best (evaluation "))
                .body("done", equalTo(false))
                .extract().path("id");
        String baselineId = given().contentType("application/json").body("{\"reference\": \"mnist-baseline\"}")
                .post("/api/runs/" + runId + "/final").then().statusCode(202)
                .body("label", equalTo("mnist-baseline")).extract().path("id");
        var finals = registry.get(runId).orElseThrow().finals();
        new PlayedEvaluators(connectionFactory, config).answerUntil(
                () -> finals.get(finalId).orElseThrow().done() && finals.get(baselineId).orElseThrow().done(), runId,
                Set.of());

        // the played evaluators answer test accuracy 0.95 + seed / 100 for seeds 1, 2, 3
        var done = given().get("/api/runs/" + runId + "/final/" + finalId).then().statusCode(200)
                .body("done", equalTo(true))
                .body("results", hasSize(3))
                .body("results[0].kind", equalTo("final"))
                .body("testAccuracy.ok", equalTo(3))
                .extract().jsonPath();
        assertThat(done.getDouble("testAccuracy.avg")).isCloseTo(0.97, within(1e-6));
        assertThat(done.getDouble("testAccuracy.std")).isCloseTo(0.01, within(1e-6));
        assertThat(done.getDouble("testAccuracy.min")).isCloseTo(0.96, within(1e-6));
        assertThat(done.getDouble("testAccuracy.max")).isCloseTo(0.98, within(1e-6));
        given().get("/api/runs/" + runId + "/final/" + baselineId).then().statusCode(200)
                .body("results[0].trainableParams", equalTo(600_810));
        // the journal alone rebuilds both final trainings, as a restarted service does
        var rebuilt = FinalTrainings.fromJournal(
                RunJournal.read(registry.get(runId).orElseThrow().journalFile()));
        assertThat(finalId).isEqualTo(runId + "-final1");
        assertThat(baselineId).isEqualTo(runId + "-final2");
        assertThat(rebuilt).extracting(FinalTraining::id).containsExactly(finalId, baselineId);
        assertThat(rebuilt.get(0).label()).startsWith("best (evaluation ");
        assertThat(rebuilt.get(0).results()).isEqualTo(finals.get(finalId).orElseThrow().results());
        assertThat(rebuilt.get(0).testAccuracy()).isEqualTo(finals.get(finalId).orElseThrow().testAccuracy());
        assertThat(rebuilt.get(1).genome()).isEqualTo(ReferenceNetwork.MNIST_BASELINE.genome());
        assertThat(rebuilt.get(1).done()).isTrue();
        given().contentType("application/json").body("{\"reference\": \"lenet\"}")
                .post("/api/runs/" + runId + "/final").then().statusCode(400)
                .body("errors[0]", containsString("unknown reference network 'lenet'"));
    }

    @Test
    void everyLooseFinalTrainingBodyIs400NamingTheField() {
        String runId = given().contentType("application/json")
                .body("{\"evolution\": {\"maxInFlight\": 1, \"termination\": {\"maxEvaluations\": 3}}}")
                .post("/api/runs").then().statusCode(201).extract().path("runId");
        String baseline = ModelJson.write(ReferenceNetwork.MNIST_BASELINE.genome());
        String[][] cases = {
                {"{\"foo\": 1}", "foo: unknown field"},
                {"{\"genome\": " + baseline.replace("\"schemaVersion\":1,", "\"schemaVersion\":1,\"extra\":2,") + "}",
                        "genome.extra: unknown field"},
                {"{\"genome\": " + baseline + ", \"reference\": \"mnist-baseline\"}",
                        "reference: give either genome or reference, not both"},
                {"{\"genome\": {\"schemaVersion\":1,\"conv\":[{\"type\":\"pool\",\"poolSize\":28},{\"type\":\"pool\","
                        + "\"poolSize\":2}],\"dense\":[{\"size\":5,\"dropout\":0,\"activation\":\"relu\"}]}}",
                        "genome: cannot be trained for mnist: conv[1]: pool 2x2 shrinks its 1x1 input below 1x1"},
                {"{\"genome\": {\"schemaVersion\":1,\"conv\":[{\"type\":\"conv\",\"filters\":4096,\"kernelSize\":28,"
                        + "\"activation\":\"relu\"},{\"type\":\"pool\",\"poolSize\":28}],"
                        + "\"dense\":[{\"size\":10,\"dropout\":0,\"activation\":\"relu\"}]}}",
                        "genome: cannot be trained for mnist: 5,035,"},
                {"{\"genome\": " + baseline.replace("\"relu\"", "\"swish\"") + "}",
                        "genome.conv[0].activation: unknown activation 'swish'"},
                {"{\"repeats\": \"many\"}", "repeats: "},
                {"{\"epochs\": 0}", "epochs: 0 is outside 1..10000"},
                {"{not json", "malformed JSON"},
        };
        for (String[] c : cases) {
            given().contentType("application/json").body(c[0])
                    .post("/api/runs/" + runId + "/final").then().statusCode(400)
                    .body("errors[0]", startsWith(c[1]));
        }
        assertThat(registry.get(runId).orElseThrow().finals().all()).as("no final training was started").isEmpty();
    }

    @Test
    void aTaskTheDataSetCannotServeAndARunWithoutABudgetAre400() {
        given().contentType("application/json")
                .body("{\"task\": {\"folds\": 10, \"trainingSubset\": 5}, \"evolution\": {\"termination\": {\"maxEvaluations\": 5}}}")
                .post("/api/runs").then().statusCode(400)
                .body("errors[0]", startsWith("task.folds: 10 folds of 5 images leave folds without some of the 10 "
                        + "classes of mnist: give trainingSubset >= 100"));
        given().contentType("application/json")
                .body("{\"task\": {\"trainingSubset\": 10000000}, \"evolution\": {\"termination\": {\"maxEvaluations\": 5}}}")
                .post("/api/runs").then().statusCode(400)
                .body("errors[0]", equalTo("task.trainingSubset: 10,000,000 exceeds the 60,000 training images of mnist"));
        for (String body : new String[] {"", "{}", "{\"evolution\": {\"termination\": {}}}"}) {
            given().contentType("application/json").body(body)
                    .post("/api/runs").then().statusCode(400)
                    .body("errors[0]", startsWith("evolution.termination: missing: give a budget"));
        }
    }

    @Test
    void queryParametersThatDoNotParseAre400() {
        String runId = given().contentType("application/json")
                .body("{\"evolution\": {\"maxInFlight\": 1, \"termination\": {\"maxEvaluations\": 3}}}")
                .post("/api/runs").then().statusCode(201).extract().path("runId");
        given().get("/api/runs/" + runId + "/evaluations?page=abc").then().statusCode(400)
                .body("errors[0]", equalTo("page: 'abc' is not a whole number"));
        given().get("/api/runs/" + runId + "/evaluations?size=0").then().statusCode(400)
                .body("errors[0]", equalTo("size: 0 is outside 1..1000"));
    }

    @Test
    void invalidBodiesAre400NamingTheFieldAndUnknownRuns404() {
        given().contentType("application/json").body("{\"evolution\": {\"maxInFlight\": 0}}")
                .post("/api/runs").then().statusCode(400)
                .body("errors[0]", equalTo("evolution.maxInFlight: 0 is outside 1..100000"));
        given().contentType("application/json").body("{\"task\": {\"optimizer\": \"lbfgs\"}}")
                .post("/api/runs").then().statusCode(400)
                .body("errors[0]", containsString("task.optimizer: unknown optimizer 'lbfgs'"));
        given().contentType("application/json").body("{not json")
                .post("/api/runs").then().statusCode(400)
                .body("errors[0]", containsString("malformed JSON"));
        given().get("/api/runs/run-nope").then().statusCode(404).body("errors[0]", equalTo("no run run-nope"));
        given().post("/api/runs/run-nope/stop").then().statusCode(404);
    }

    @Test
    void stopEndsBreedingAndTheOpenApiDocumentListsTheRunsApi() {
        String runId = given().contentType("application/json")
                .body("{\"evolution\": {\"maxInFlight\": 1, \"termination\": {\"maxEvaluations\": 50}}}")
                .post("/api/runs").then().statusCode(201).extract().path("runId");

        given().post("/api/runs/" + runId + "/stop").then().statusCode(200)
                .body("state", equalTo("stopping"))
                .body("terminationReason", equalTo("stopped"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/runs/{id}/population"));
    }
}
