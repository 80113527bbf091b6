package org.evocnn.evolution.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

/** Gives the embedded broker of a test a free loopback port and fresh broker and runs directories. */
public class FreeBrokerPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            String data = Files.createTempDirectory("evocnn-broker").toString();
            return Map.of("evocnn.broker.embedded.port", String.valueOf(port),
                    "evocnn.broker.embedded.data-dir", data,
                    "evocnn.broker.embedded.redelivery-delay-ms", "0",
                    "evocnn.runs-dir", Files.createTempDirectory("evocnn-runs").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the broker stops with the application
    }
}
