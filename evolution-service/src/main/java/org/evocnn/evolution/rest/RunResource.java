package org.evocnn.evolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import org.evocnn.model.message.EvaluationStatus;
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
import org.evocnn.evolution.datasets.UserDatasets;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.JournalDamage;
import org.evocnn.evolution.run.RunDamagedException;
import org.evocnn.evolution.run.RunRegistry;
import org.evocnn.spec.RunSpecJson;

import java.util.Comparator;
import java.util.List;

/** Create, watch and stop evolution runs. Reads come from each run's snapshot and logs, never its lock. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunRegistry registry;
    @Inject
    UserDatasets datasets;

    /**
     * Creates and starts a run. The body is a partial run specification ({@code task}, {@code evolution}); every
     * field left out keeps its default, but the budget ({@code evolution.termination}) must be given. An invalid
     * body is answered 400 naming the field.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @Context UriInfo uri) {
        datasets.refresh(); // a data set imported since the last look
        EvolutionRun run = registry.create(RunSpecJson.readRequest(body));
        return Response.created(uri.getAbsolutePathBuilder().path(run.runId()).build())
                .entity(RunViews.RunStatus.of(run)).build();
    }

    /** Every run, damaged ones included, by id. */
    @GET
    public List<RunViews.RunStatus> list() {
        return java.util.stream.Stream.concat(registry.all().stream().map(RunViews.RunStatus::of),
                        registry.unreadable().entrySet().stream()
                                .map(e -> RunViews.RunStatus.unreadable(e.getKey(), e.getValue())))
                .sorted(Comparator.comparing(RunViews.RunStatus::runId)).toList();
    }

    @GET
    @Path("/{id}")
    public RunViews.RunStatus status(@PathParam("id") String id) {
        JournalDamage unreadable = registry.unreadable().get(id);
        return unreadable != null ? RunViews.RunStatus.unreadable(id, unreadable) : RunViews.RunStatus.of(run(id));
    }

    /**
     * Continues a damaged run from the good lines of its journal; the damaged file is kept beside the new one. 409
     * when the run is not damaged or cannot be recovered.
     */
    @POST
    @Path("/{id}/recover")
    public RunViews.RunStatus recover(@PathParam("id") String id) throws java.io.IOException {
        JournalDamage unreadable = registry.unreadable().get(id);
        if (unreadable != null) {
            throw new RunDamagedException(id, unreadable);
        }
        EvolutionRun run = run(id);
        if (run.damage().isEmpty()) {
            throw new jakarta.ws.rs.WebApplicationException(ErrorMappers.status(Response.Status.CONFLICT,
                    "run " + id + " is not damaged: nothing to recover"));
        }
        return RunViews.RunStatus.of(registry.recover(run));
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

    /**
     * Evaluation results in the order they arrived, a page at a time; with {@code status}, only those of that status
     * ({@code failed}, {@code stopped}, ...).
     */
    @GET
    @Path("/{id}/evaluations")
    public RunViews.EvaluationPage evaluations(@PathParam("id") String id,
                                               @QueryParam("page") @DefaultValue("0") String pageParam,
                                               @QueryParam("size") @DefaultValue("50") String sizeParam,
                                               @QueryParam("status") String status) {
        int page = QueryParams.intIn("page", pageParam, 0, Integer.MAX_VALUE);
        int size = QueryParams.intIn("size", sizeParam, 1, 1000);
        var log = run(id).evaluations();
        if (status != null) {
            EvaluationStatus wanted = QueryParams.status("status", status);
            List<RunViews.EvaluationView> matching = log.page(0, log.size()).stream()
                    .filter(e -> e.result().status() == wanted).map(RunViews.EvaluationView::of).toList();
            int from = (int) Math.min(matching.size(), (long) page * size);
            return new RunViews.EvaluationPage(page, size, matching.size(),
                    matching.subList(from, Math.min(matching.size(), from + size)));
        }
        int total = log.size();
        return new RunViews.EvaluationPage(page, size, total, log.page((long) page * size, size).stream()
                .map(RunViews.EvaluationView::of).toList());
    }

    /**
     * How a network came about: the evaluation and its ancestors, nearest first, each with the operators that made
     * it, its parents and its result (at most {@code max}); 404 for an evaluation the run never sent.
     */
    @GET
    @Path("/{id}/evaluations/{sequence}/lineage")
    public List<RunViews.AncestorView> lineage(@PathParam("id") String id, @PathParam("sequence") String sequenceParam,
                                               @QueryParam("max") @DefaultValue("100") String maxParam) {
        long sequence = QueryParams.intIn("sequence", sequenceParam, 1, Integer.MAX_VALUE);
        int max = QueryParams.intIn("max", maxParam, 1, 10_000);
        var run = run(id);
        List<RunViews.AncestorView> lineage = run.ancestry().lineage(sequence, max).stream()
                .map(a -> RunViews.AncestorView.of(a, run.evaluations())).toList();
        if (lineage.isEmpty()) {
            throw new NotFoundException("run " + id + " sent no evaluation " + sequence);
        }
        return lineage;
    }

    /**
     * The fitness of every evaluation from the {@code since}-th on, as columns (for plots: a few bytes per
     * evaluation, so a page can poll it).
     */
    @GET
    @Path("/{id}/fitness")
    public RunViews.FitnessSeries fitness(@PathParam("id") String id,
                                          @QueryParam("since") @DefaultValue("0") String sinceParam) {
        int since = QueryParams.intIn("since", sinceParam, 0, Integer.MAX_VALUE);
        var log = run(id).evaluations();
        return RunViews.FitnessSeries.of(since, log.page(since, Integer.MAX_VALUE));
    }

    /** Every final training of the run, oldest first. */
    @GET
    @Path("/{id}/final")
    public List<RunViews.FinalView> finalTrainings(@PathParam("id") String id) {
        return run(id).finals().all().stream().map(RunViews.FinalView::of).toList();
    }

    /** Requests of the run the broker dead-lettered, as they arrived (also in the run's dead-letters.jsonl). */
    @GET
    @Path("/{id}/dead-letters")
    public List<RunViews.DeadLetterView> deadLetters(@PathParam("id") String id) {
        return run(id).deadLetters().all().stream().map(RunViews.DeadLetterView::of).toList();
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
        run.requireWritable();
        FinalRequest.Checked r = FinalRequest.read(body, run);
        FinalTraining training = run.finals().start(r.label(), r.genome(), r.repeats(), r.epochs(), r.inherit());
        return Response.accepted(RunViews.FinalView.of(training))
                .location(uri.getAbsolutePathBuilder().path(training.id()).build()).build();
    }

    @GET
    @Path("/{id}/final/{finalId}")
    public RunViews.FinalView finalTraining(@PathParam("id") String id, @PathParam("finalId") String finalId) {
        return run(id).finals().get(finalId).map(RunViews.FinalView::of)
                .orElseThrow(() -> new NotFoundException("no final training " + finalId));
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
