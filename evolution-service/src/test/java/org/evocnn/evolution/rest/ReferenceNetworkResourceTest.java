package org.evocnn.evolution.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ReferenceNetworkResourceTest {

    @Test
    void listsThePapersFourNetworksWithMatchingParameterCounts() {
        given().when().get("/api/reference-networks")
                .then().statusCode(200)
                .body("$", hasSize(4))
                .body("find { it.id == 'mnist-evolved' }.trainableParams", equalTo(431_659))
                .body("find { it.id == 'fashion-evolved' }.paperParams", equalTo(1_714_219))
                .body("find { it.id == 'mnist-baseline' }.genome.conv[0].padding", equalTo("valid"));
    }

    @Test
    void oneNetworkHasItsKerasSummaryAndUnknownIdsAre404() {
        given().when().get("/api/reference-networks/fashion-baseline")
                .then().statusCode(200)
                .body("summary", containsString("Trainable params: 356,234"));
        given().when().get("/api/reference-networks/lenet").then().statusCode(404);
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
