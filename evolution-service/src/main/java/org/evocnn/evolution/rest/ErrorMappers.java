package org.evocnn.evolution.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.evocnn.evolution.run.RequestSender;
import org.evocnn.evolution.run.RunDamagedException;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.json.InvalidJsonException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Bad input is answered 400 with every problem named by its field; unknown runs 404; a state conflict 409. */
public class ErrorMappers {

    /** The body of an error response. */
    public record Errors(List<String> errors) {
    }

    @ServerExceptionMapper
    public Response invalidJson(InvalidJsonException e) {
        return badRequest(e.violations().stream().map(Violation::toString).toList());
    }

    @ServerExceptionMapper
    public Response invalidField(FieldException e) {
        return badRequest(List.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return badRequest(List.of(e.getMessage()));
    }

    /** A damaged run cannot change until it is recovered. */
    @ServerExceptionMapper
    public Response damaged(RunDamagedException e) {
        return status(Response.Status.CONFLICT, e.getMessage());
    }

    /** The broker did not take the requests: nothing was started, the call can be repeated. */
    @ServerExceptionMapper
    public Response brokerUnavailable(RequestSender.NotSent e) {
        return status(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    static Response status(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Errors(List.of(message))).build();
    }

    /** A body that is not JSON where JSON is read: 415, saying what was given and what is read. */
    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        // the raw header: a malformed one (";;;///===") cannot be parsed, and parsing it here made this a 500
        String given = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return status(Response.Status.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json, not "
                + (given == null || given.isBlank() ? "without a Content-Type"
                : given.length() > 80 ? given.substring(0, 80) + "..." : given));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new Errors(List.of(e.getMessage()))).build();
    }

    private static Response badRequest(List<String> errors) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Errors(errors)).build();
    }
}
