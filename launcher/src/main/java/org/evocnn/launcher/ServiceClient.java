package org.evocnn.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small JSON client of the evolution service's REST API. */
public final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private volatile String authorization;

    public ServiceClient(String base) {
        this.base = base;
    }

    /** From now on every call logs in with HTTP basic as this user (a service in the prod profile asks for it). */
    public void login(String user, String password) {
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static ServiceClient local(int port) {
        return new ServiceClient("http://127.0.0.1:" + port);
    }

    public String base() {
        return base;
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (raw("GET", "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(base + " not ready after " + timeout.toSeconds() + " s");
    }

    /** Waits until a run has finished and returns its status. */
    public JsonNode awaitFinished(String runId, Duration poll) throws IOException, InterruptedException {
        while (true) {
            JsonNode status = get("/api/runs/" + runId);
            if (status.path("state").asText().equals("finished")) {
                return status;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** Waits until every repeat of a final training is answered and returns it. */
    public JsonNode awaitFinal(String runId, String finalId) throws IOException, InterruptedException {
        while (true) {
            JsonNode f = get("/api/runs/" + runId + "/final/" + finalId);
            if (f.path("done").asBoolean()) {
                return f;
            }
            Thread.sleep(2_000);
        }
    }

    /** Every evaluation of a run, in the order they completed, fetched page by page. */
    public List<JsonNode> evaluations(String runId) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = get("/api/runs/" + runId + "/evaluations?size=1000&page=" + page);
            p.path("evaluations").forEach(all::add);
            if (all.size() >= p.path("total").asInt() || p.path("evaluations").isEmpty()) {
                return all;
            }
        }
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    public JsonNode post(String path, String body) throws IOException, InterruptedException {
        return call("POST", path, body);
    }

    /** Calls the API and reads its JSON answer; an answer of 300 or more is an error naming the call. */
    public JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = raw(method, path, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + base + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public HttpResponse<String> raw(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b = b.header("Authorization", authorization);
        }
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of an answer. @throws IllegalStateException naming the status when it is 300 or more */
    public JsonNode readJson(HttpResponse<String> r) throws IOException {
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + ": " + r.statusCode() + " "
                    + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Downloads what the API answers into a file; the response says the status and headers. */
    public HttpResponse<java.nio.file.Path> download(String path, java.nio.file.Path to)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(300));
        if (authorization != null) {
            b = b.header("Authorization", authorization);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofFile(to));
    }

    /** Sends bytes of a content type (an image to classify, ...) and reads the answer as text. */
    public HttpResponse<String> send(String method, String path, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType);
        if (authorization != null) {
            b = b.header("Authorization", authorization);
        }
        return http.send(b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
