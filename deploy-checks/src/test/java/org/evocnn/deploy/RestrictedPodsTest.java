package org.evocnn.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered container, init containers included, passes the Pod Security "restricted" profile (the checks of the
 * Kubernetes Pod Security Standards, restricted level) and runs with a read-only root file system and no
 * service-account token; probes have timeouts; the broker has a disruption budget; each evaluator's resident-memory
 * bound follows its overlay's memory limit.
 */
class RestrictedPodsTest {

    private static List<Map.Entry<String, PodSpec>> pods(Manifests.Rendered r) {
        List<Map.Entry<String, PodSpec>> pods = new ArrayList<>();
        for (HasMetadata o : r.objects()) {
            if (o instanceof Deployment d) {
                pods.add(Map.entry("Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
            } else if (o instanceof StatefulSet s) {
                pods.add(Map.entry("StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
            }
        }
        return pods;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyPodPassesTheRestrictedProfile(String overlay) throws Exception {
        Manifests.Rendered r = Manifests.render(overlay);
        assertThat(r.one(Namespace.class, "evocnn").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        List<Map.Entry<String, PodSpec>> pods = pods(r);
        assertThat(pods).hasSize(3);
        for (Map.Entry<String, PodSpec> entry : pods) {
            String where = overlay + ": " + entry.getKey();
            PodSpec pod = entry.getValue();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(pod.getHostNetwork()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(where).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes()).as(where).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
            if (entry.getKey().equals("Deployment evaluator")) {
                // its token may only patch pods: the deletion cost of its own pod
                assertThat(pod.getServiceAccountName()).isEqualTo("evaluator");
                Role role = r.one(Role.class, "evaluator-deletion-cost");
                assertThat(role.getRules()).singleElement().satisfies(rule -> {
                    assertThat(rule.getResources()).containsExactly("pods");
                    assertThat(rule.getVerbs()).containsExactly("patch");
                });
                RoleBinding binding = r.one(RoleBinding.class, "evaluator-deletion-cost");
                assertThat(binding.getSubjects()).singleElement()
                        .satisfies(subject -> assertThat(subject.getName()).isEqualTo("evaluator"));
                assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
            } else {
                assertThat(pod.getAutomountServiceAccountToken()).as(where + ": no service-account token").isFalse();
            }
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container c : containers) {
                boolean init = pod.getInitContainers().contains(c);
                String at = where + (init ? " init container " : " container ") + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(at).isNotNull();
                assertThat(sc.getPrivileged()).as(at).isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getAllowPrivilegeEscalation()).as(at).isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(at).contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(at).isNullOrEmpty();
                assertThat(sc.getReadOnlyRootFilesystem()).as(at).isTrue();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext.getRunAsNonRoot();
                assertThat(nonRoot).as(at + ": runAsNonRoot").isTrue();
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext.getRunAsUser();
                assertThat(user).as(at + ": not uid 0").isNotEqualTo(0L);
                String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                        : podContext.getSeccompProfile() == null ? null : podContext.getSeccompProfile().getType();
                assertThat(seccomp).as(at + ": seccomp").isIn("RuntimeDefault", "Localhost");
                if (!init) {
                    assertThat(c.getStartupProbe()).as(at + ": startup probe").isNotNull();
                    for (var probe : List.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())) {
                        assertThat(probe.getTimeoutSeconds()).as(at + ": probe timeout").isGreaterThanOrEqualTo(5);
                    }
                }
                assertThat(c.getVolumeMounts()).as(at + ": somewhere writable for temporary files")
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                assertThat(c.getResources().getRequests()).as(at).containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(at).containsKey("memory");
            }
        }
        PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, "artemis");
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "artemis");
        assertThat(r.one(NetworkPolicy.class, "default-deny").getSpec().getPolicyTypes())
                .containsExactlyInAnyOrder("Ingress", "Egress");
        Container evaluator = r.one(Deployment.class, "evaluator").getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        assertThat(evaluator.getResources().getLimits()).as("OpenMP threads follow the CPU limit").containsKey("cpu");
        assertThat(evaluator.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("OMP_NUM_THREADS");
            assertThat(e.getValueFrom().getResourceFieldRef().getResource()).isEqualTo("limits.cpu");
        });
        // the bound at which an allocation fails the evaluation, not the kernel the pod: under the limit, with
        // room for the JVM's own, and not so far under that the evaluator wastes its memory
        long limit = evaluator.getResources().getLimits().get("memory").getNumericalAmount().longValue();
        String bound = evaluator.getEnv().stream().filter(e -> e.getName().equals("EVOCNN_EVALUATOR_PHYSICAL_MEMORY_MAX"))
                .findFirst().orElseThrow().getValue();
        long bytes = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                new io.fabric8.kubernetes.api.model.Quantity(bound.replace("M", "Mi"))).longValue();
        assertThat(bytes).as(overlay + ": memory bound against the limit").isLessThanOrEqualTo(limit - (512L << 20))
                .isGreaterThanOrEqualTo(limit * 8 / 10);
    }
}
