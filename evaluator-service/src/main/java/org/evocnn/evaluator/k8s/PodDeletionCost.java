package org.evocnn.evaluator.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Tells Kubernetes which evaluator to remove first when KEDA scales in: the pod's
 * {@code controller.kubernetes.io/pod-deletion-cost} annotation is set low while it is idle and high while it trains,
 * so a ReplicaSet scaled down deletes idle evaluators before busy ones. The pod patches itself through the API
 * server with its service-account token (a Role allows patching pods in the namespace, nothing else). Outside a
 * cluster, or without a token, this does nothing. Patches are sent off the training thread and only on a change.
 */
public final class PodDeletionCost {

    static final String ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";
    static final int IDLE = 0;
    static final int BUSY = 1000;
    private static final System.Logger LOG = System.getLogger(PodDeletionCost.class.getName());
    private static final Path ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final HttpClient http;
    private final URI pod;
    private final Path tokenFile;
    private final Executor sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pod-deletion-cost");
        t.setDaemon(true);
        return t;
    });
    private volatile int current = Integer.MIN_VALUE;

    PodDeletionCost(HttpClient http, URI pod, Path tokenFile) {
        this.http = http;
        this.pod = pod;
        this.tokenFile = tokenFile;
    }

    /**
     * The patcher of this pod, when it runs in a cluster with a token and knows its name and namespace
     * ({@code POD_NAME}, {@code POD_NAMESPACE} from the downward API).
     */
    public static Optional<PodDeletionCost> inCluster() {
        String name = System.getenv("POD_NAME");
        String namespace = System.getenv("POD_NAMESPACE");
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv("KUBERNETES_SERVICE_PORT");
        if (name == null || namespace == null || host == null || !Files.isReadable(ACCOUNT.resolve("token"))) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + (port == null ? "443" : port) + "/api/v1/namespaces/" + namespace + "/pods/" + name);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(ACCOUNT.resolve("ca.crt")))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return Optional.of(new PodDeletionCost(client, uri, ACCOUNT.resolve("token")));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "pod deletion cost disabled: " + e);
            return Optional.empty();
        }
    }

    public void idle() {
        set(IDLE);
    }

    public void busy() {
        set(BUSY);
    }

    private void set(int cost) {
        if (cost == current) {
            return;
        }
        current = cost;
        sender.execute(() -> patch(cost));
    }

    /** A JSON merge patch of the annotation; failures are logged (scale-in then removes pods in any order). */
    void patch(int cost) {
        try {
            String body = "{\"metadata\":{\"annotations\":{\"" + ANNOTATION + "\":\"" + cost + "\"}}}";
            HttpRequest request = HttpRequest.newBuilder(pod).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + Files.readString(tokenFile).strip())
                    .header("Content-Type", "application/merge-patch+json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.log(System.Logger.Level.WARNING, "pod deletion cost not set ({0}): {1}", response.statusCode(),
                        response.body());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "pod deletion cost not set: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
