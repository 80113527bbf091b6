package org.evocnn.evaluator.k8s;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The evaluator marks its own pod: a merge patch of the deletion-cost annotation, with its token, on each change. */
class PodDeletionCostTest {

    @Test
    void busyAndIdleArePatchedOncePerChange(@TempDir Path dir) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        api.start();
        try {
            Path token = Files.writeString(dir.resolve("token"), "secret-token\n");
            PodDeletionCost cost = new PodDeletionCost(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:"
                    + api.getAddress().getPort() + "/api/v1/namespaces/evocnn/pods/evaluator-7"), token);

            cost.busy();
            cost.busy(); // no change, no request
            cost.idle();
            await().until(() -> requests.size() >= 2);
            Thread.sleep(200);

            assertThat(requests).containsExactly(
                    "PATCH /api/v1/namespaces/evocnn/pods/evaluator-7 Bearer secret-token application/merge-patch+json "
                            + "{\"metadata\":{\"annotations\":{\"controller.kubernetes.io/pod-deletion-cost\":\"1000\"}}}",
                    "PATCH /api/v1/namespaces/evocnn/pods/evaluator-7 Bearer secret-token application/merge-patch+json "
                            + "{\"metadata\":{\"annotations\":{\"controller.kubernetes.io/pod-deletion-cost\":\"0\"}}}");
        } finally {
            api.stop(0);
        }
    }

    @Test
    void outsideAClusterNothingIsPatched() {
        assertThat(PodDeletionCost.inCluster()).isEmpty();
    }
}
