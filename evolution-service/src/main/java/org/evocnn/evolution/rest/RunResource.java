package org.evocnn.evolution.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.evolution.run.RunSpec;
import org.evocnn.model.message.EvaluationResult;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/** Create, watch and stop evolution runs. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunRegistry registry;

    /**
     * Creates and starts a run. The body is a partial run specification ({@code task}, {@code evolution}); every
     * field left out keeps its default. An invalid body is answered 400 naming the field.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @Context UriInfo uri) {
        EvolutionRun run = registry.create(RunSpec.fromJson(body));
        return Response.created(uri.getAbsolutePathBuilder().path(run.runId()).build())
                .entity(RunViews.RunStatus.of(run)).build();
    }

    @GET
    public List<RunViews.RunStatus> list() {
        return registry.all().stream().map(RunViews.RunStatus::of)
                .sorted(Comparator.comparing(RunViews.RunStatus::runId)).toList();
    }

    @GET
    @Path("/{id}")
    public RunViews.RunStatus status(@PathParam("id") String id) {
        return RunViews.RunStatus.of(run(id));
    }

    /** The run's full specification, defaults filled in. */
    @GET
    @Path("/{id}/spec")
    public RunSpec spec(@PathParam("id") String id) {
        return run(id).spec();
    }

    /** The population, best first. */
    @GET
    @Path("/{id}/population")
    public List<RunViews.IndividualView> population(@PathParam("id") String id) {
        EvolutionRun run = run(id);
        synchronized (run) {
            return run.evolution().population().stream().map(RunViews.IndividualView::of).toList();
        }
    }

    /** The best individual evaluated so far, with its Keras-style summary. */
    @GET
    @Path("/{id}/best")
    public RunViews.BestView best(@PathParam("id") String id) {
        EvolutionRun run = run(id);
        synchronized (run) {
            return run.evolution().best().map(b -> RunViews.BestView.of(b, run))
                    .orElseThrow(() -> new NotFoundException("run " + id + " has no evaluated individual yet"));
        }
    }

    /** Evaluation results in the order they arrived, a page at a time. */
    @GET
    @Path("/{id}/evaluations")
    public RunViews.EvaluationPage evaluations(@PathParam("id") String id,
                                               @QueryParam("page") @DefaultValue("0") int page,
                                               @QueryParam("size") @DefaultValue("50") int size) throws IOException {
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be >= 0 and size in 1..1000");
        }
        List<EvaluationResult> all = RunJournal.read(run(id).journalFile()).stream()
                .filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result())
                .toList();
        int from = (int) Math.min(all.size(), (long) page * size);
        return new RunViews.EvaluationPage(page, size, all.size(), all.subList(from, Math.min(all.size(), from + size)));
    }

    /** Stops breeding; results still outstanding are accepted. */
    @POST
    @Path("/{id}/stop")
    public RunViews.RunStatus stop(@PathParam("id") String id) {
        EvolutionRun run = run(id);
        run.stop();
        return RunViews.RunStatus.of(run);
    }

    private EvolutionRun run(String id) {
        return registry.get(id).orElseThrow(() -> new NotFoundException("no run " + id));
    }
}
