package org.evocnn.evolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.jms.QueueGauges;
import org.evocnn.model.json.ModelJson;
import org.evocnn.spec.RunOption;
import org.evocnn.spec.RunOptions;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;

import java.util.List;

/** What the web page shows besides runs: the broker's queues, the run options and the defaults a run starts from. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {

    /** A queue's waiting messages and consumers (the evaluators, for the genomes queue); -1 while unknown. */
    public record QueueView(String role, String queue, long messages, long consumers) {
    }

    @Inject
    QueueGauges queues;
    @Inject
    BrokerConfig config;

    /** The genomes, results and dead-letter queues, as last read from the broker (every few seconds). */
    @GET
    @Path("/broker")
    public List<QueueView> broker() {
        return List.of(view("genomes", config.genomesQueue()), view("results", config.resultsQueue()),
                view("dead letters", config.deadLetterQueue()));
    }

    private QueueView view(String role, String queue) {
        return new QueueView(role, queue, queues.value(queue, "messageCount"), queues.value(queue, "consumerCount"));
    }

    /** A run option as clients see it: its path, its default, its named values (empty: free) and what it does. */
    public record OptionView(String path, JsonNode defaultValue, List<RunOption.Choice> choices, String doc) {
    }

    /** Every run option (the run page builds its form's lists from these). */
    @GET
    @Path("/spec/options")
    public List<OptionView> options() {
        RunSpec defaults = RunSpec.defaults();
        return RunOptions.all().stream().map(o -> new OptionView(o.path(),
                ModelJson.mapper().valueToTree(o.of(defaults)), o.choices(), o.doc())).toList();
    }

    /** The whole default specification, every field filled in (what a run body leaves out). */
    @GET
    @Path("/spec/defaults")
    public JsonNode defaults() {
        return RunSpecJson.write(RunSpec.defaults());
    }
}
