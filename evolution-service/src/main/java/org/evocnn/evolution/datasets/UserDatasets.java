package org.evocnn.evolution.datasets;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.json.DatasetManifests;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users' data sets the service knows: the manifests ({@code <dir>/<id>/dataset.json}, written by the data tool) in
 * {@code evocnn.datasets.dir}, registered in the catalog before journals are read (their runs may name them) and
 * again before each run is created or listed, so a data set imported while the service runs is found. The images stay
 * with the evaluators; the service only needs their shape, classes and sizes.
 */
@ApplicationScoped
public class UserDatasets {

    @ConfigProperty(name = "evocnn.datasets.dir")
    Optional<Path> dir;

    private final Set<String> reported = new HashSet<>();

    void startup(@Observes @Priority(1) StartupEvent event) {
        refresh();
    }

    /** Registers what the directory holds now and returns the whole catalog. */
    public synchronized List<DatasetInfo> refresh() {
        if (dir.isPresent()) {
            DatasetManifests.Registered found = DatasetManifests.registerAll(dir.get());
            for (DatasetInfo d : found.datasets()) {
                if (reported.add(d.id())) {
                    Log.infof("data set %s: %s, %d classes, %d / %d images (%s)", d.id(), d.input(), d.classes(),
                            d.trainSize(), d.testSize(), dir.get().resolve(d.id()));
                }
            }
            for (String problem : found.problems()) {
                if (reported.add(problem)) {
                    Log.warnf("data set not registered: %s", problem);
                }
            }
        }
        return DatasetCatalog.all();
    }
}
