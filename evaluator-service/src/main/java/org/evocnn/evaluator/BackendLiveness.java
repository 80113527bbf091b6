package org.evocnn.evaluator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.training.dl4j.Backend;

/**
 * What this evaluator trains on: the backend, the device and (CPU) the native build loaded, why it was chosen, and
 * the helper its convolutions train with.
 */
@Liveness
@ApplicationScoped
public class BackendLiveness implements HealthCheck {

    @Inject
    EvaluatorConfig config;
    @Inject
    EvaluatorInfo info;
    private volatile String nativeBuild;
    private volatile String convolutionHelper;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("evocnn-backend").up()
                .withData("backend", info.backend())
                .withData("device", info.device());
        if (config.mode() == EvaluatorConfig.Mode.DL4J && "cpu".equals(info.backend())) {
            if (convolutionHelper == null) { // once: the build loaded never changes, the helper needs a network built
                nativeBuild = Backend.variant();
                convolutionHelper = Backend.convolutionHelper();
            }
            response.withData("nativeBuild", nativeBuild).withData("convolutionHelper", convolutionHelper);
        }
        return response.build();
    }
}
