package org.evocnn.evolution.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetManifest;
import org.evocnn.model.json.DatasetManifests;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Users' data sets: a manifest dropped into evocnn.datasets.dir is listed and can be evolved for. */
@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class DatasetResourceTest {

    @Test
    void aDataSetImportedWhileTheServiceRunsIsListedAndUsable() throws Exception {
        Path folder = Files.createDirectories(Path.of("target/test-datasets/rest-shapes"));
        DatasetManifests.write(folder.resolve(DatasetCatalog.MANIFEST), new DatasetManifest(1, "rest-shapes",
                new InputShape(32, 32, 3), 3, List.of("circle", "square", "triangle"), 240, 60, "chw", "test", 0));

        given().get("/api/datasets").then().statusCode(200)
                .body("id", hasItems("mnist", "fashion-mnist", "rest-shapes"))
                .body("find { it.id == 'rest-shapes' }.input", equalTo("32x32x3"))
                .body("find { it.id == 'rest-shapes' }.builtIn", equalTo(false))
                .body("find { it.id == 'mnist' }.builtIn", equalTo(true));

        String runId = given().contentType("application/json").body("""
                        {"task": {"dataset": "rest-shapes", "folds": 2, "epochs": 1},
                         "evolution": {"popSize": 4, "minPopSize": 2, "termination": {"maxEvaluations": 2}}}""")
                .post("/api/runs").then().statusCode(201).body("dataset", equalTo("rest-shapes"))
                .extract().path("runId");
        given().get("/api/runs/" + runId + "/spec").then().statusCode(200)
                .body("evolution.input.channels", equalTo(3)).body("evolution.classes", equalTo(3));
        given().post("/api/runs/" + runId + "/stop").then().statusCode(200);

        given().contentType("application/json").body("""
                        {"task": {"dataset": "cifar-10"}, "evolution": {"termination": {"maxEvaluations": 2}}}""")
                .post("/api/runs").then().statusCode(400)
                .body(containsString("unknown data set 'cifar-10', known: mnist, fashion-mnist"))
                .body(containsString("rest-shapes"));
    }
}
