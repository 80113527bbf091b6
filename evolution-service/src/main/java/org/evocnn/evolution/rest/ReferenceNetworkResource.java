package org.evocnn.evolution.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;

import java.util.Arrays;
import java.util.List;

/** The paper's four networks (Tables 2 and 3), for users who want to evaluate or compare against them. */
@Path("/api/reference-networks")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceNetworkResource {

    /** A reference network with its analysis for 28x28x1 inputs and 10 classes. */
    public record ReferenceNetworkView(String id, String source, long paperParams, long trainableParams,
                                       long flopsPerSample, String architectureHash, Genome genome, String summary) {

        static ReferenceNetworkView of(ReferenceNetwork network) {
            Architecture arch = NetworkAnalyzer.analyze(network.genome());
            return new ReferenceNetworkView(network.id(), network.source(), network.paperParams(),
                    arch.trainableParams(), arch.flopsPerSample(), network.genome().architectureHash(),
                    network.genome(), arch.summary());
        }
    }

    @GET
    public List<ReferenceNetworkView> list() {
        return Arrays.stream(ReferenceNetwork.values()).map(ReferenceNetworkView::of).toList();
    }

    @GET
    @Path("/{id}")
    public ReferenceNetworkView get(@PathParam("id") String id) {
        try {
            return ReferenceNetworkView.of(ReferenceNetwork.byId(id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
    }
}
