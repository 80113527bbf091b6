package org.evocnn.evolution.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.evocnn.evolution.models.ModelExports;
import org.evocnn.evolution.models.ModelStore;
import org.evocnn.evolution.models.ModelUnavailable;
import org.evocnn.evolution.models.ModelsConfig;
import org.evocnn.evolution.models.Predictions;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.model.message.ModelManifest;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Locale;

/**
 * The trained network of a final training, for users to take home (docs/models.md): the DL4J model file, its ONNX
 * export and its manifest, and predictions on users' images. Without {@code repeat}, the kept repeat with the best
 * test accuracy.
 */
@Path("/api/runs/{id}/final/{finalId}")
public class ModelResource {

    /** The model file formats a download can take. */
    public enum Format {
        DL4J("application/zip", ".zip"),
        ONNX("application/octet-stream", ".onnx");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        static Format of(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("format: '" + text + "' is not one of dl4j, onnx");
        }
    }

    @Inject
    RunRegistry registry;
    @Inject
    ModelStore store;
    @Inject
    ModelExports exports;
    @Inject
    Predictions predictions;
    @Inject
    ModelsConfig config;

    /** The network's file, DL4J ({@code application/zip}) or ONNX, as an attachment named after its training. */
    @GET
    @Path("/model")
    @Produces({"application/zip", MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response model(@PathParam("id") String id, @PathParam("finalId") String finalId,
                          @QueryParam("format") @DefaultValue("dl4j") String format,
                          @QueryParam("repeat") String repeat) {
        Format f = Format.of(format);
        ModelStore.Stored stored = store.stored(id, training(id, finalId), repeat(repeat));
        java.nio.file.Path file = f == Format.DL4J ? stored.zip() : exports.onnx(id, stored);
        return Response.ok(file.toFile(), f.mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + stored.evaluationId() + f.extension + "\"")
                .header("X-Evocnn-Model-Sha256", f == Format.DL4J ? stored.manifest().sha256() : null)
                .build();
    }

    /** The manifest of the network a download gives: input, scaling, class names, genome, test scores, hash. */
    @GET
    @Path("/manifest")
    @Produces(MediaType.APPLICATION_JSON)
    public ModelManifest manifest(@PathParam("id") String id, @PathParam("finalId") String finalId,
                                  @QueryParam("repeat") String repeat) {
        return store.stored(id, training(id, finalId), repeat(repeat)).manifest();
    }

    /**
     * The {@code top} most probable classes of one image (the body: PNG, JPEG, BMP or GIF bytes), prepared as the data
     * import prepares images. Viewers may ask: it changes nothing.
     */
    @POST
    @Path("/predict")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Predictions.Prediction predict(@PathParam("id") String id, @PathParam("finalId") String finalId,
                                          @QueryParam("repeat") String repeat,
                                          @QueryParam("top") @DefaultValue("5") String topParam, byte[] image) {
        int top = QueryParams.intIn("top", topParam, 1, Integer.MAX_VALUE);
        if (image != null && image.length > config.maxImageSize().asLongValue()) {
            throw new Predictions.BadImage(413, String.format(Locale.ROOT, "the image is %,d bytes, over the %,d a "
                    + "prediction reads (evocnn.models.max-image-size)", image.length,
                    config.maxImageSize().asLongValue()));
        }
        ModelStore.Stored stored = store.stored(id, training(id, finalId), repeat(repeat));
        return predictions.classify(stored, image == null ? new byte[0] : image, top);
    }

    /**
     * Another method on a prediction's path is 405 naming POST: RESTEasy Reactive, finding no such method here, tried
     * the other resources under /api/runs and answered 404 as if nothing were there.
     */
    @GET
    @Path("/predict")
    public Response predictByGet() {
        return onlyPost();
    }

    @PUT
    @Path("/predict")
    public Response predictByPut() {
        return onlyPost();
    }

    @DELETE
    @Path("/predict")
    public Response predictByDelete() {
        return onlyPost();
    }

    private static Response onlyPost() {
        return Response.fromResponse(ErrorMappers.status(Response.Status.METHOD_NOT_ALLOWED,
                "a prediction is a POST of the image's bytes")).header("Allow", "POST, OPTIONS").build();
    }

    /** A repeat's number, or null for the best repeat; the store says which are in range. */
    private static Integer repeat(String value) {
        return QueryParams.optionalIntIn("repeat", value, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private FinalTraining training(String id, String finalId) {
        return registry.get(id).orElseThrow(() -> new NotFoundException("no run " + id)).finals().get(finalId)
                .orElseThrow(() -> new NotFoundException("no final training " + finalId));
    }

    @ServerExceptionMapper
    public Response unavailable(ModelUnavailable e) {
        return ErrorMappers.status(e.conflict() ? Response.Status.CONFLICT : Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badImage(Predictions.BadImage e) {
        return ErrorMappers.status(Response.Status.fromStatusCode(e.status()), e.getMessage());
    }
}
