package org.evocnn.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * KEDA's two objects as strict Java types, after the keda.sh/v1alpha1 CRDs (KEDA 2.x): an unknown or misspelt field,
 * a wrong type or a missing required field fails to read. fabric8 has no KEDA model; the HPA behaviour inside is
 * fabric8's autoscaling/v2 type.
 */
final class Keda {

    static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private Keda() {
    }

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
        ScaledObject {
            require(apiVersion.equals("keda.sh/v1alpha1"), "apiVersion keda.sh/v1alpha1");
            Objects.requireNonNull(spec, "spec");
        }
    }

    record ScaledObjectSpec(ScaleTarget scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
                            Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount,
                            Integer maxReplicaCount, Fallback fallback, Advanced advanced, List<Trigger> triggers) {
        ScaledObjectSpec {
            Objects.requireNonNull(scaleTargetRef, "spec.scaleTargetRef");
            require(triggers != null && !triggers.isEmpty(), "spec.triggers");
        }
    }

    record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {
        ScaleTarget {
            Objects.requireNonNull(name, "scaleTargetRef.name");
        }
    }

    record Fallback(int failureThreshold, int replicas) {
    }

    @JsonIgnoreProperties(value = "scalingModifiers")
    record Advanced(Boolean restoreToOriginalReplicaCount, HpaConfig horizontalPodAutoscalerConfig) {
    }

    record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    record Trigger(String type, String name, Map<String, String> metadata, AuthRef authenticationRef,
                   String metricType, Boolean useCachedMetrics) {
        Trigger {
            Objects.requireNonNull(type, "trigger.type");
            Objects.requireNonNull(metadata, "trigger.metadata");
        }
    }

    record AuthRef(String name, String kind) {
        AuthRef {
            Objects.requireNonNull(name, "authenticationRef.name");
        }
    }

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {
        TriggerAuthentication {
            require(apiVersion.equals("keda.sh/v1alpha1"), "apiVersion keda.sh/v1alpha1");
        }
    }

    record TriggerAuthenticationSpec(List<SecretTarget> secretTargetRef, List<EnvTarget> env,
                                     JsonNode podIdentity, JsonNode hashiCorpVault, JsonNode azureKeyVault,
                                     JsonNode configMapTargetRef) {
    }

    record SecretTarget(String parameter, String name, String key) {
        SecretTarget {
            Objects.requireNonNull(parameter, "secretTargetRef.parameter");
            Objects.requireNonNull(name, "secretTargetRef.name");
            Objects.requireNonNull(key, "secretTargetRef.key");
        }
    }

    record EnvTarget(String parameter, String name, String containerName) {
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("required: " + what);
        }
    }
}
