package org.evocnn.evolution.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.json.InvalidJsonException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Bad input is answered 400 with every problem named by its field; unknown runs 404. */
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
