package org.evocnn.evaluator;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every evaluator metric the Grafana dashboard queries is on the live /q/metrics, and the backend is named. */
@QuarkusTest
class MetricsTest {

    @Test
    void everyDashboardEvaluatorMetricIsExported() throws Exception {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> dashboard = new TreeSet<>();
        Matcher m = Pattern.compile("evocnn_evaluator_[a-z_]+")
                .matcher(Files.readString(Path.of("../k8s/base/grafana/evocnn.json")));
        while (m.find()) {
            dashboard.add(m.group());
        }
        assertThat(dashboard).contains("evocnn_evaluator_training_seconds_bucket", "evocnn_evaluator_busy",
                "evocnn_evaluator_backend");
        assertThat(dashboard).allSatisfy(name -> assertThat(metrics).as("exported by the evaluator")
                .containsPattern("(?m)^" + name + "[{ ]"));
        assertThat(metrics).containsPattern("(?m)^evocnn_evaluator_backend\\{.*backend=\"\\w+\"");
    }
}
