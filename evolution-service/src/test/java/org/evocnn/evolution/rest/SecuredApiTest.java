package org.evocnn.evolution.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The prod profile's API permissions (the "secured" profile shares them): operators change, viewers read. */
@QuarkusTest
@TestProfile(SecuredApiTest.Secured.class)
@QuarkusTestResource(FreeBrokerPort.class)
class SecuredApiTest {

    public static class Secured implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "secured";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.security.users.file.users", "secured-users.properties",
                    "quarkus.security.users.file.roles", "secured-roles.properties");
        }
    }

    private static final String RUN = """
            {"task": {"folds": 2, "epochs": 1}, "evolution": {"termination": {"maxEvaluations": 2}}}""";

    @Test
    void changesNeedAnOperatorAndReadsAViewer() {
        given().contentType("application/json").body(RUN).post("/api/runs").then().statusCode(401);
        given().auth().preemptive().basic("watcher", "watch-secret").contentType("application/json").body(RUN)
                .post("/api/runs").then().statusCode(403);
        given().auth().preemptive().basic("ops", "wrong").contentType("application/json").body(RUN)
                .post("/api/runs").then().statusCode(401);
        String runId = given().auth().preemptive().basic("ops", "ops-secret").contentType("application/json")
                .body(RUN).post("/api/runs").then().statusCode(201).extract().path("runId");

        given().get("/api/runs/" + runId).then().statusCode(401);
        given().auth().preemptive().basic("watcher", "watch-secret").get("/api/runs/" + runId).then().statusCode(200);
        given().auth().preemptive().basic("watcher", "watch-secret").post("/api/runs/" + runId + "/stop").then()
                .statusCode(403);
        given().auth().preemptive().basic("ops", "ops-secret").post("/api/runs/" + runId + "/stop").then()
                .statusCode(200);
        // a prediction changes nothing: a viewer may ask (here: no final training, so 404, not 403), not anonymously
        String predict = "/api/runs/" + runId + "/final/" + runId + "-final1/predict";
        given().contentType("image/png").body(new byte[] {1, 2}).post(predict).then().statusCode(401);
        given().auth().preemptive().basic("watcher", "watch-secret").contentType("image/png")
                .body(new byte[] {1, 2}).post(predict).then().statusCode(404)
                .body("errors[0]", org.hamcrest.Matchers.containsString("no final training"));
        given().auth().preemptive().basic("watcher", "watch-secret").contentType("application/json").body("{}")
                .post("/api/runs/" + runId + "/final").then().statusCode(403);
        given().auth().preemptive().basic("watcher", "watch-secret").get("/api/runs/" + runId + "/final/"
                + runId + "-final1/model").then().statusCode(404);
        // what probes, scrapers and the browser need before logging in stays open
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/").then().statusCode(200);
        given().get("/index.html").then().statusCode(200);
        given().get("/app.js").then().statusCode(200);
        given().get("/app.css").then().statusCode(200);
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        // anything else is denied by default, whatever would answer it
        for (String path : List.of("/nothing-here", "/META-INF/resources/app.js", "/api-docs")) {
            int anonymous = given().get(path).then().extract().statusCode();
            int viewer = given().auth().preemptive().basic("watcher", "watch-secret").get(path).then().extract()
                    .statusCode();
            org.assertj.core.api.Assertions.assertThat(List.of(anonymous, viewer)).as(path)
                    .allSatisfy(status -> org.assertj.core.api.Assertions.assertThat(status).isIn(401, 403));
        }
    }
}
