package org.evocnn.deploy;

import org.evocnn.model.message.Queues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both overlays render with {@code kubectl kustomize}, every object reads as its schema type with no unknown field,
 * and the objects fit together: names referenced exist, probes and grace periods are where the services need them.
 */
class KustomizeOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyObjectMatchesItsSchemaAndTheyFitTogether(String overlay) throws Exception {
        Manifests.Rendered r = Manifests.render(overlay);

        assertThat(r.objects()).extracting(HasMetadata::getKind).contains("Namespace", "ConfigMap",
                "StatefulSet", "Service", "Deployment", "PersistentVolumeClaim", "PodDisruptionBudget",
                "NetworkPolicy");
        assertThat(r.objects()).as("Secrets are created once, not reset by every apply")
                .noneMatch(o -> o instanceof Secret);
        // cluster-scoped kinds have no namespace (kustomize would give them one if they were in the base)
        java.util.Set<String> clusterScoped = java.util.Set.of("Namespace", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding");
        r.objects().forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind())
                .isEqualTo(clusterScoped.contains(o.getKind()) ? null : "evocnn"));
        // every pod carries the common label the broker's network policy admits by
        r.objects().stream().filter(o -> o instanceof Deployment || o instanceof StatefulSet).forEach(o -> {
            var template = o instanceof Deployment d ? d.getSpec().getTemplate()
                    : ((StatefulSet) o).getSpec().getTemplate();
            assertThat(template.getMetadata().getLabels()).as(o.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/part-of", "evocnn");
        });

        // the Secrets the objects read are the ones k8s/secrets.example.yaml documents, key for key
        Map<String, Secret> documented = Manifests.secretsExample().stream()
                .collect(java.util.stream.Collectors.toMap(x -> x.getMetadata().getName(), x -> x));
        Secret secret = documented.get("evocnn-broker");
        assertThat(secret.getStringData()).containsOnlyKeys("admin-password", "service-password",
                "evaluator-password", "monitor-username", "monitor-password");
        assertThat(documented.get("evocnn-api").getStringData()).containsOnlyKeys("users.properties",
                "roles.properties");

        StatefulSet artemis = r.one(StatefulSet.class, "artemis");
        assertThat(artemis.getSpec().getVolumeClaimTemplates()).hasSize(1);
        Container broker = artemis.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(broker.getImage()).startsWith("apache/activemq-artemis:");
        // the init container writes config and users at every start, from the Secret's keys
        Container apply = artemis.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(apply.getImage()).isEqualTo(broker.getImage());
        assertThat(secretRefs(apply)).containsEntry("ADMIN_PASSWORD", "evocnn-broker/admin-password")
                .containsEntry("SERVICE_PASSWORD", "evocnn-broker/service-password")
                .containsEntry("EVALUATOR_PASSWORD", "evocnn-broker/evaluator-password")
                .containsEntry("MONITOR_PASSWORD", "evocnn-broker/monitor-password")
                .containsEntry("MONITOR_USERNAME", "evocnn-broker/monitor-username");
        String brokerConfig = artemis.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
        assertThat(r.one(ConfigMap.class, brokerConfig).getData()).containsKeys("broker.xml", "management.xml",
                "artemis-roles.properties", "apply-config.sh");
        // the StatefulSet's governing Service is headless
        Service governing = r.one(Service.class, artemis.getSpec().getServiceName());
        assertThat(governing.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(apply.getCommand()).contains("/evocnn/apply-config.sh");
        assertThat(r.one(Service.class, "artemis").getSpec().getPorts()).extracting(ServicePort::getPort)
                .containsExactlyInAnyOrder(61616, 8161);

        Deployment service = r.one(Deployment.class, "evolution-service");
        assertThat(service.getSpec().getReplicas()).isEqualTo(1);
        assertThat(service.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getSecret()).isNotNull();
            assertThat(documented).containsKey(v.getSecret().getSecretName());
        });
        assertThat(service.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        Container master = service.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(master.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(master.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        String claim = service.getSpec().getTemplate().getSpec().getVolumes().get(0).getPersistentVolumeClaim()
                .getClaimName();
        r.one(PersistentVolumeClaim.class, claim);
        assertThat(env(master)).containsEntry("EVOCNN_BROKER_URL", "tcp://artemis:61616")
                .containsEntry("EVOCNN_BROKER_USER", "service");
        assertThat(secretRefs(master)).containsEntry("EVOCNN_BROKER_PASSWORD", "evocnn-broker/service-password");
        assertThat(r.one(Service.class, "evolution-service").getSpec().getPorts().get(0).getPort()).isEqualTo(8080);

        Deployment evaluators = r.one(Deployment.class, "evaluator");
        assertThat(evaluators.getSpec().getReplicas()).as("KEDA's HPA owns the replica count").isNull();
        Container evaluator = evaluators.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(evaluator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(env(evaluator).get("EVOCNN_BROKER_URL")).contains("consumerWindowSize=0");
        assertThat(env(evaluator)).containsEntry("EVOCNN_BROKER_USER", "evaluator");
        assertThat(secretRefs(evaluator)).containsEntry("EVOCNN_BROKER_PASSWORD", "evocnn-broker/evaluator-password");
        // every role the deployment logs in as is in the roles file the broker gets
        String roles = r.one(ConfigMap.class, brokerConfig).getData().get("artemis-roles.properties");
        assertThat(roles).contains("evocnn-service=service", "evocnn-evaluator=evaluator",
                "evocnn-monitor=monitor");
        Duration wait = Duration.parse("PT" + env(evaluator).get("EVOCNN_EVALUATOR_SHUTDOWN_WAIT").toUpperCase());
        assertThat(evaluators.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("grace period covers the shutdown wait and the rollback").isGreaterThanOrEqualTo(wait.toSeconds() + 10);
        assertThat(evaluators.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
        assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true");

        assertThat(r.scaledObjects()).hasSize(1);
        Keda.ScaledObjectSpec scaling = r.scaledObjects().get(0).spec();
        assertThat(scaling.scaleTargetRef().name()).isEqualTo("evaluator");
        assertThat(scaling.triggers()).hasSize(1);
        Keda.Trigger trigger = scaling.triggers().get(0);
        assertThat(trigger.type()).isEqualTo("artemis-queue");
        // the queue the services send requests to (its name is defined once, in shared-model)
        assertThat(trigger.metadata()).containsEntry("queueName", Queues.GENOMES)
                .containsEntry("brokerAddress", Queues.GENOMES).containsKey("activationQueueLength")
                .containsKey("queueLength").containsEntry("brokerName", "evocnn");
        assertThat(trigger.metadata().get("managementEndpoint")).startsWith("artemis.evocnn.svc").endsWith(":8161");
        assertThat(brokerConfigText(r, brokerConfig)).contains("<name>evocnn</name>");
        assertThat(scaling.minReplicaCount()).isLessThanOrEqualTo(scaling.maxReplicaCount());
        Keda.TriggerAuthentication auth = r.triggerAuthentications().stream()
                .filter(a -> a.metadata().getName().equals(trigger.authenticationRef().name())).findFirst().orElseThrow();
        assertThat(auth.spec().secretTargetRef()).allSatisfy(t -> {
            assertThat(t.name()).isEqualTo("evocnn-broker");
            assertThat(secret.getStringData()).containsKey(t.key());
        });
        assertThat(auth.spec().secretTargetRef()).extracting(Keda.SecretTarget::parameter)
                .containsExactlyInAnyOrder("username", "password");

        ConfigMap dashboard = r.one(ConfigMap.class, "evocnn-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("evocnn.json"));
        assertThat(json.path("panels").size()).isPositive();
    }

    @Test
    void theGpuOverlayGivesEachEvaluatorAGpuAndTheCpuOverlayNone() throws Exception {
        Container gpu = Manifests.render("gpu").one(Deployment.class, "evaluator").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(gpu.getImage()).isEqualTo("evocnn/evaluator-service-gpu:0.1.0");
        assertThat(gpu.getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");

        Manifests.Rendered cpu = Manifests.render("cpu");
        Container plain = cpu.one(Deployment.class, "evaluator").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(plain.getImage()).isEqualTo("evocnn/evaluator-service:0.1.0");
        assertThat(plain.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(cpu.scaledObjects().get(0).spec().minReplicaCount()).isEqualTo(1);
    }

    @Test
    void aMisspeltOrMissingFieldIsCaught() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String valid = """
                {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "x"},
                 "spec": {"scaleTargetRef": {"name": "evaluator"}, "maxReplicaCount": 3,
                          "triggers": [{"type": "artemis-queue", "metadata": {"queueName": "q"}}]}}""";
        assertThat(Keda.STRICT.treeToValue(json.readTree(valid), Keda.ScaledObject.class).spec().maxReplicaCount())
                .isEqualTo(3);
        JsonNode misspelt = json.readTree(valid.replace("maxReplicaCount", "maxReplicas"));
        assertThatThrownBy(() -> Keda.STRICT.treeToValue(misspelt, Keda.ScaledObject.class))
                .hasMessageContaining("maxReplicas");
        JsonNode missing = json.readTree(valid.replace("\"scaleTargetRef\": {\"name\": \"evaluator\"}, ", ""));
        assertThatThrownBy(() -> Keda.STRICT.treeToValue(missing, Keda.ScaledObject.class))
                .hasStackTraceContaining("spec.scaleTargetRef");
    }

    private static String brokerConfigText(Manifests.Rendered r, String name) {
        return r.one(ConfigMap.class, name).getData().get("broker.xml");
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, String> secretRefs(Container c) {
        return c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e.getValueFrom().getSecretKeyRef()
                        .getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));
    }
}
