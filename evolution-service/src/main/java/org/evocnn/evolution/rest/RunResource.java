package org.evocnn.evolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.evocnn.engine.population.Individual;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.evolution.spec.RunSpecJson;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.TrainingTask;

import java.util.Comparator;
import java.util.List;

/** Create, watch and stop evolution runs. Reads come from each run's snapshot and logs, never its lock. */
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
        EvolutionRun run = registry.create(RunSpecJson.read(body));
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
    public JsonNode spec(@PathParam("id") String id) {
        return RunSpecJson.write(run(id).spec());
    }

    /** The population, best first. */
    @GET
    @Path("/{id}/population")
    public List<RunViews.IndividualView> population(@PathParam("id") String id) {
        return run(id).snapshot().population().stream().map(RunViews.IndividualView::of).toList();
    }

    /** The best individual evaluated so far, with its Keras-style summary. */
    @GET
    @Path("/{id}/best")
    public RunViews.BestView best(@PathParam("id") String id) {
        EvolutionRun run = run(id);
        return run.snapshot().best().map(b -> RunViews.BestView.of(b, run))
                .orElseThrow(() -> new NotFoundException("run " + id + " has no evaluated individual yet"));
    }

    /** Evaluation results in the order they arrived, a page at a time. */
    @GET
    @Path("/{id}/evaluations")
    public RunViews.EvaluationPage evaluations(@PathParam("id") String id,
                                               @QueryParam("page") @DefaultValue("0") int page,
                                               @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be >= 0 and size in 1..1000");
        }
        var log = run(id).evaluations();
        int total = log.size();
        return new RunViews.EvaluationPage(page, size, total, log.page((long) page * size, size).stream()
                .map(RunViews.EvaluationView::of).toList());
    }

    /**
     * Final training (paper, Tables 1 and 4): the run's best genome, one of the paper's reference networks
     * ({@code mnist-baseline}, ...) or a genome given inline is trained on the whole training set {@code repeats}
     * times and scored on the test set.
     */
    @POST
    @Path("/{id}/final")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trainFinal(@PathParam("id") String id, String body, @Context UriInfo uri) {
        EvolutionRun run = run(id);
        FinalRequest r = body == null || body.isBlank() ? new FinalRequest(null, null, null, null)
                : ModelJson.read(body, FinalRequest.class);
        String label;
        Genome genome;
        if (r.genome() != null) {
            label = "genome " + r.genome().architectureHash();
            genome = r.genome();
        } else if (r.reference() != null) {
            ReferenceNetwork reference = ReferenceNetwork.byId(r.reference());
            label = reference.id();
            genome = reference.genome();
        } else {
            Individual best = run.snapshot().best()
                    .orElseThrow(() -> new NotFoundException("run " + id + " has no evaluated individual yet"));
            label = "best (evaluation " + best.sequence() + ")";
            genome = best.genome();
        }
        int repeats = r.repeats() == null ? 1 : r.repeats();
        if (repeats < 1 || repeats > 100) {
            throw new IllegalArgumentException("repeats: " + repeats + " is outside 1..100");
        }
        FinalTraining training = run.finals().start(label, genome, repeats,
                r.epochs() == null ? TrainingTask.PAPER_FINAL_EPOCHS : r.epochs());
        return Response.accepted(RunViews.FinalView.of(training))
                .location(uri.getAbsolutePathBuilder().path(training.id()).build()).build();
    }

    @GET
    @Path("/{id}/final/{finalId}")
    public RunViews.FinalView finalTraining(@PathParam("id") String id, @PathParam("finalId") String finalId) {
        return run(id).finals().get(finalId).map(RunViews.FinalView::of)
                .orElseThrow(() -> new NotFoundException("no final training " + finalId));
    }

    /**
     * What to train: {@code genome} (inline) or {@code reference} (a paper network id); neither means the run's
     * best. {@code repeats} defaults to 1, {@code epochs} to the paper's 20.
     */
    public record FinalRequest(Genome genome, String reference, Integer repeats, Integer epochs) {
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
