package org.evocnn.evolution.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.evocnn.evolution.datasets.UserDatasets;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;

import java.util.List;

/** The data sets a run's task may name: the built-in ones and users' own (see {@code scripts/evocnn-data}). */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    /** A data set: its id, image shape, classes, images, and whether it ships with evocnn. */
    public record DatasetView(String id, String input, int height, int width, int channels, int classes,
                              int trainSize, int testSize, boolean builtIn) {
        static DatasetView of(DatasetInfo d) {
            return new DatasetView(d.id(), d.input().toString(), d.input().height(), d.input().width(),
                    d.input().channels(), d.classes(), d.trainSize(), d.testSize(),
                    DatasetCatalog.builtIn().contains(d));
        }
    }

    @Inject
    UserDatasets datasets;

    @GET
    public List<DatasetView> list() {
        return datasets.refresh().stream().map(DatasetView::of).toList();
    }
}
