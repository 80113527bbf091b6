package org.evocnn.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay's rendered NetworkPolicies, evaluated with Kubernetes' semantics against the rendered pods' labels and
 * namespaces and the cluster's other parties, give exactly the flows of docs/deploy.md's "Network flows" table.
 */
class NetworkFlowsTest {

    /** The parties outside evocnn's namespace, as a typical cluster has them. */
    private static List<NetworkFlows.Endpoint> others() {
        return List.of(
                new NetworkFlows.Endpoint("keda-operator", "keda",
                        Map.of("app", "keda-operator", "app.kubernetes.io/name", "keda-operator"), Map.of(),
                        "10.244.2.10"),
                new NetworkFlows.Endpoint("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"),
                        Map.of(), "10.244.2.11"),
                new NetworkFlows.Endpoint("ingress-controller", "ingress-nginx",
                        Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of(), "10.244.2.12"),
                new NetworkFlows.Endpoint("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of(),
                        "10.244.2.13"),
                // a pod in another namespace wearing evocnn's labels
                new NetworkFlows.Endpoint("other-namespace", "other", Map.of("app.kubernetes.io/part-of", "evocnn",
                        "app.kubernetes.io/name", "evaluator"), Map.of(), "10.244.3.10"),
                // not a pod: the control plane's address
                new NetworkFlows.Endpoint("api-server", null, Map.of(), Map.of(), "172.18.0.2"));
    }

    private static List<String> mismatches(List<HasMetadata> objects) throws Exception {
        Map<String, NetworkFlows.Endpoint> endpoints = new HashMap<>();
        NetworkFlows.workloadPods(objects).forEach(e -> endpoints.put(e.name(), e));
        assertThat(endpoints).containsKeys("artemis", "evaluator", "evolution-service");
        others().forEach(e -> endpoints.put(e.name(), e));
        NetworkFlows flows = new NetworkFlows(objects);
        List<Map<String, String>> table = DeployDocs.networkFlows();
        assertThat(table).hasSizeGreaterThan(15);
        List<String> wrong = new ArrayList<>();
        for (Map<String, String> row : table) {
            NetworkFlows.Endpoint from = endpoints.get(row.get("from"));
            NetworkFlows.Endpoint to = endpoints.get(row.get("to"));
            assertThat(from).as(row.get("from")).isNotNull();
            assertThat(to).as(row.get("to")).isNotNull();
            String[] port = row.get("port").split("/");
            boolean expected = row.get("allowed").equals("yes");
            boolean actual = flows.allowed(from, to, Integer.parseInt(port[0]), port[1]);
            if (actual != expected) {
                wrong.add(row.get("from") + " -> " + row.get("to") + " " + row.get("port") + ": "
                        + (actual ? "allowed" : "refused"));
            }
        }
        return wrong;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "cpu-monitored"})
    void theRenderedPoliciesGiveExactlyTheDocumentedFlows(String overlay) throws Exception {
        assertThat(mismatches(Manifests.render(overlay).objects())).isEmpty();
    }

    @Test
    void podsWithoutTheCommonLabelCannotReachTheBroker() throws Exception {
        // the defect kustomize's labels without includeTemplates made: the label on the Deployments, not their pods
        List<HasMetadata> objects = Manifests.render("cpu").objects();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                d.getSpec().getTemplate().getMetadata().getLabels().remove("app.kubernetes.io/part-of");
            }
        }
        assertThat(mismatches(objects)).contains("evaluator -> artemis 61616/TCP: refused",
                "evolution-service -> artemis 61616/TCP: refused");
    }

    @Test
    void theSemanticsHoldOnHandMadeCases() {
        io.fabric8.kubernetes.api.model.LabelSelector any = new io.fabric8.kubernetes.api.model.LabelSelector();
        assertThat(NetworkFlows.matches(any, Map.of())).isTrue();
        io.fabric8.kubernetes.api.model.LabelSelector in = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                .addNewMatchExpression().withKey("a").withOperator("In").withValues("x", "y").endMatchExpression()
                .build();
        assertThat(NetworkFlows.matches(in, Map.of("a", "y"))).isTrue();
        assertThat(NetworkFlows.matches(in, Map.of("a", "z"))).isFalse();
        assertThat(NetworkFlows.matches(in, Map.of())).isFalse();
        // no policy at all: everything flows
        NetworkFlows open = new NetworkFlows(List.of());
        NetworkFlows.Endpoint a = new NetworkFlows.Endpoint("a", "ns", Map.of(), Map.of(), "10.0.0.1");
        NetworkFlows.Endpoint b = new NetworkFlows.Endpoint("b", "ns", Map.of(), Map.of(), "10.0.0.2");
        assertThat(open.allowed(a, b, 80, "TCP")).isTrue();
    }
}
