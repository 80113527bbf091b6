package org.evocnn.evaluator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.training.data.DatasetRegistry;

/** Ready only when every configured data set is in the data directory (DL4J mode). The broker has its own check. */
@Readiness
@ApplicationScoped
public class DatasetReadiness implements HealthCheck {

    @Inject
    EvaluatorConfig config;
    @Inject
    DatasetRegistry datasets;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("evocnn-datasets")
                .withData("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withData("dataDir", config.dataDir().toAbsolutePath().toString());
        boolean up = true;
        for (String id : config.datasets()) {
            boolean present = config.mode() == EvaluatorConfig.Mode.SIMULATED || datasets.isPresent(id);
            response.withData(id, present ? "present" : "missing (run scripts/fetch-data)");
            up &= present;
        }
        return response.status(up).build();
    }
}
