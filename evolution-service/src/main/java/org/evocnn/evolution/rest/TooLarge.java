package org.evocnn.evolution.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body larger than {@code evocnn.http.max-body-size} on its Content-Length, before it is read,
 * answering 413 with the same JSON error body as every other error and saying the limit. (Quarkus' own limit,
 * {@code quarkus.http.limits.max-body-size}, stays above it as a backstop for bodies without a length; its 413 has no
 * body.)
 */
@ApplicationScoped
public class TooLarge {

    @ConfigProperty(name = "evocnn.http.max-body-size", defaultValue = "8M")
    MemorySize limit;
    @ConfigProperty(name = "evocnn.http.max-body-size", defaultValue = "8M")
    String limitText;

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && parse(length) > limit.asLongValue()) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close")
                        .end(new JsonObject().put("errors", new JsonArray().add("the request body is larger than "
                                + limitText + " (evocnn.http.max-body-size)")).encode());
                return;
            }
            ctx.next();
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0; // Vert.x refuses a malformed length itself
        }
    }
}
