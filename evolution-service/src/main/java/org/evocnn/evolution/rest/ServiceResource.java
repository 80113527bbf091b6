package org.evocnn.evolution.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.jms.QueueGauges;
import org.evocnn.evolution.spec.RunSpec;
import org.evocnn.evolution.spec.RunSpecJson;

import java.util.List;

/** What the web page shows besides runs: the broker's queues and the defaults a new run starts from. */
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

    /** The whole default specification, every field filled in (what a run body leaves out). */
    @GET
    @Path("/spec/defaults")
    public JsonNode defaults() {
        return RunSpecJson.write(RunSpec.defaults());
    }
}
