package org.evocnn.evolution.rest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * Refuses, with 400, a request whose path carries a matrix parameter ({@code ;}, also percent-encoded as {@code %3B}):
 * RESTEasy routes {@code /api;x=1/runs} to {@code /api/runs}, while the HTTP permissions of Quarkus 3.34 match the raw
 * path, so such a path would reach a resource its permission never checked. No evocnn endpoint takes matrix
 * parameters; refusing them before anything else runs keeps routing and authorisation reading the same path.
 */
@ApplicationScoped
public class PathGuard {

    void route(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (hasMatrixParameter(ctx.request().uri())) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("errors", new JsonArray().add("a path may not contain ';' (matrix "
                                + "parameters are not used by this API)")).encode());
                return;
            }
            ctx.next();
        });
    }

    /** Whether the path part of a request's URI (before any query) holds {@code ;} or its percent encoding. */
    static boolean hasMatrixParameter(String uri) {
        int query = uri.indexOf('?');
        String path = (query < 0 ? uri : uri.substring(0, query)).toLowerCase(Locale.ROOT);
        return path.contains(";") || path.contains("%3b");
    }
}
