package org.evocnn.evolution.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prod profile's permissions cannot be walked around by spelling a path another way: matrix parameters
 * ({@code /api;/runs}, {@code /api;a=b/runs}, {@code /api%3B/runs}, one on the last segment), doubled slashes, dot
 * segments, a trailing slash, another case. For every endpoint family and method, anonymously and as a viewer, a
 * spelling never gets a 2xx that the plain path refuses; every matrix-parameter spelling is a 400. Sent with the
 * JDK's client, which puts the path on the wire as written.
 */
@QuarkusTest
@TestProfile(SecuredApiTest.Secured.class)
@QuarkusTestResource(FreeBrokerPort.class)
class PathBypassTest {

    private static final String RUN = """
            {"task": {"folds": 2, "epochs": 1}, "evolution": {"termination": {"maxEvaluations": 2}}}""";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Spelling(String name, UnaryOperator<String> spell, boolean matrix) {
    }

    static final List<Spelling> SPELLINGS = List.of(
            new Spelling("/api;/", p -> p.replaceFirst("^/api/", "/api;/"), true),
            new Spelling("/api;a=b/", p -> p.replaceFirst("^/api/", "/api;a=b/"), true),
            new Spelling("/api;jsessionid=x/", p -> p.replaceFirst("^/api/", "/api;jsessionid=x/"), true),
            new Spelling("/api%3B/", p -> p.replaceFirst("^/api/", "/api%3B/"), true),
            new Spelling("/api%3b/", p -> p.replaceFirst("^/api/", "/api%3b/"), true),
            new Spelling("last segment;x=1", p -> p + ";x=1", true),
            new Spelling("//api/", p -> "/" + p, false),
            new Spelling("/api/./", p -> p.replaceFirst("^/api/", "/api/./"), false),
            new Spelling("/./api/", p -> "/." + p, false),
            new Spelling("/api/x/../", p -> p.replaceFirst("^/api/", "/api/x/../"), false),
            new Spelling("trailing /", p -> p + "/", false),
            new Spelling("/API/", p -> p.replaceFirst("^/api/", "/API/"), false));

    record Call(String method, String path, String contentType, byte[] body) {
    }

    @Test
    void noSpellingOfAPathGetsPastThePermissionsThePlainPathMeets() throws Exception {
        String runId = given().auth().preemptive().basic("ops", "ops-secret").contentType("application/json")
                .body(RUN).post("/api/runs").then().statusCode(201).extract().path("runId");
        String fin = runId + "-final1";
        byte[] json = RUN.getBytes(StandardCharsets.UTF_8);
        List<Call> calls = List.of(
                new Call("POST", "/api/runs", "application/json", json),
                new Call("GET", "/api/runs", null, null),
                new Call("GET", "/api/runs/" + runId, null, null),
                new Call("POST", "/api/runs/" + runId + "/stop", null, null),
                new Call("POST", "/api/runs/" + runId + "/recover", null, null),
                new Call("POST", "/api/runs/" + runId + "/final", "application/json", "{}".getBytes()),
                new Call("GET", "/api/runs/" + runId + "/final", null, null),
                new Call("GET", "/api/runs/" + runId + "/final/" + fin, null, null),
                new Call("GET", "/api/runs/" + runId + "/final/" + fin + "/model", null, null),
                new Call("GET", "/api/runs/" + runId + "/final/" + fin + "/manifest", null, null),
                new Call("POST", "/api/runs/" + runId + "/final/" + fin + "/predict", "image/png", new byte[] {1, 2}),
                new Call("GET", "/api/runs/" + runId + "/spec", null, null),
                new Call("GET", "/api/runs/" + runId + "/population", null, null),
                new Call("GET", "/api/runs/" + runId + "/best", null, null),
                new Call("GET", "/api/runs/" + runId + "/evaluations", null, null),
                new Call("GET", "/api/runs/" + runId + "/evaluations/1/lineage", null, null),
                new Call("GET", "/api/runs/" + runId + "/fitness", null, null),
                new Call("GET", "/api/runs/" + runId + "/dead-letters", null, null),
                new Call("GET", "/api/datasets", null, null),
                new Call("GET", "/api/reference-networks", null, null),
                new Call("GET", "/api/reference-networks/mnist-baseline", null, null),
                new Call("GET", "/api/broker", null, null),
                new Call("GET", "/api/spec/options", null, null),
                new Call("GET", "/api/spec/defaults", null, null),
                new Call("PUT", "/api/runs/" + runId, "application/json", json),
                new Call("DELETE", "/api/runs/" + runId, null, null));
        List<String> bypasses = new ArrayList<>();
        int checked = 0;
        for (Optional<String> caller : List.of(Optional.<String>empty(), Optional.of("watcher:watch-secret"))) {
            for (Call call : calls) {
                int plain = send(call, call.path(), caller);
                for (Spelling s : SPELLINGS) {
                    int spelled = send(call, s.spell().apply(call.path()), caller);
                    checked++;
                    String what = caller.map(c -> "viewer").orElse("anonymous") + " " + call.method() + " "
                            + s.spell().apply(call.path()) + ": " + spelled + " (plain " + plain + ")";
                    if (s.matrix() && spelled != 400) {
                        bypasses.add(what + ", expected 400");
                    } else if (spelled / 100 == 2 && plain / 100 != 2) {
                        bypasses.add(what);
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2 * 26 * SPELLINGS.size());
        assertThat(bypasses).isEmpty();
        // the plain paths are what they were: an anonymous write 401, a viewer's write 403, a viewer's read 200
        assertThat(send(calls.get(0), "/api/runs", Optional.empty())).isEqualTo(401);
        assertThat(send(calls.get(3), calls.get(3).path(), Optional.of("watcher:watch-secret"))).isEqualTo(403);
        assertThat(send(calls.get(2), calls.get(2).path(), Optional.of("watcher:watch-secret"))).isEqualTo(200);
    }

    @Test
    void aMatrixParameterIsRefusedWithTheJsonErrorBody() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api;a=b/runs")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(r.body()).contains("\"errors\"").contains("may not contain ';'");
        assertThat(PathGuard.hasMatrixParameter("/api/runs?filter=a;b")).as("a query may hold ';'").isFalse();
        assertThat(PathGuard.hasMatrixParameter("/api/runs%3b")).isTrue();
    }

    private static int send(Call call, String path, Optional<String> caller) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(call.method(), call.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (call.contentType() != null) {
            b.header("Content-Type", call.contentType());
        }
        caller.ifPresent(c -> b.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
