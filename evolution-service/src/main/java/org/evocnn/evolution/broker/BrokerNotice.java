package org.evocnn.evolution.broker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says at start which broker the service uses. A plain {@code java -jar} runs the {@code prod} profile, whose
 * broker is external ({@code EVOCNN_BROKER_URL}, default {@code tcp://artemis:61616}, the compose and Kubernetes
 * name): outside a container that name does not resolve, readiness stays down and the client retries; this line
 * tells the user why and what to do instead.
 */
@ApplicationScoped
public class BrokerNotice {

    @ConfigProperty(name = "quarkus.artemis.url")
    String url;
    @ConfigProperty(name = "quarkus.profile")
    String profile;

    void announce(@jakarta.annotation.Priority(3) @Observes StartupEvent event, BrokerConfig config) {
        if (config.embedded().enabled()) {
            Log.infof("broker: embedded (profile %s), evaluators connect to tcp://%s:%d", profile,
                    config.embedded().host(), config.embedded().port());
        } else {
            Log.infof("broker: external, %s (profile %s; set EVOCNN_BROKER_URL, or start with -Dquarkus.profile=local "
                    + "for a broker inside the service)", url, profile);
        }
    }
}
