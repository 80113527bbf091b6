package org.evocnn.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' NetworkPolicy semantics (networking.k8s.io/v1) over a set of endpoints: a pod is isolated for a
 * direction when a policy of its namespace selects it with that policy type; an isolated pod's traffic in that
 * direction is allowed when some rule of a selecting policy matches the peer and the port; a connection needs both
 * the source's egress and the destination's ingress. Peers: a podSelector alone means pods of the policy's namespace,
 * a namespaceSelector alone all pods of the matching namespaces, both together pods matching both, an ipBlock any
 * endpoint whose address is inside it (pods included, as most CNIs do). Ports may be named (the destination
 * container's port of that name), have a protocol (TCP by default) and an endPort.
 */
final class NetworkFlows {

    /** A pod (with its namespace and labels) or an address outside the pod network, such as the API server. */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts,
                    String ip) {
        boolean isPod() {
            return namespace != null;
        }
    }

    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final List<NetworkPolicy> policies = new ArrayList<>();

    NetworkFlows(List<HasMetadata> objects) {
        for (HasMetadata o : objects) {
            if (o instanceof Namespace n) {
                Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(n.getMetadata().getLabels(),
                        Map.of()));
                labels.put("kubernetes.io/metadata.name", n.getMetadata().getName());
                namespaceLabels.put(n.getMetadata().getName(), labels);
            } else if (o instanceof NetworkPolicy p) {
                policies.add(p);
            }
        }
    }

    /** The pods the rendered workloads make, named by their app.kubernetes.io/name label. */
    static List<Endpoint> workloadPods(List<HasMetadata> objects) {
        List<Endpoint> pods = new ArrayList<>();
        int n = 10;
        for (HasMetadata o : objects) {
            PodTemplateSpec template = o instanceof Deployment d ? d.getSpec().getTemplate()
                    : o instanceof StatefulSet s ? s.getSpec().getTemplate() : null;
            if (template == null) {
                continue;
            }
            Map<String, Integer> ports = new HashMap<>();
            for (Container c : template.getSpec().getContainers()) {
                for (ContainerPort p : Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of())) {
                    if (p.getName() != null) {
                        ports.put(p.getName(), p.getContainerPort());
                    }
                }
            }
            Map<String, String> labels = template.getMetadata().getLabels();
            pods.add(new Endpoint(labels.get("app.kubernetes.io/name"), o.getMetadata().getNamespace(), labels, ports,
                    "10.244.1." + n++));
        }
        return pods;
    }

    /** Whether a connection from one endpoint to another's port (e.g. 61616/TCP) is allowed. */
    boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return direction(from, to, to, port, protocol, false) && direction(to, from, to, port, protocol, true);
    }

    /**
     * The policies of {@code subject}'s namespace in one direction: ingress (peer is the source) or egress (peer is
     * the destination). Endpoints outside the namespaces these policies know are governed by their own policies,
     * which evocnn does not ship: they are not isolated here.
     */
    private boolean direction(Endpoint subject, Endpoint peer, Endpoint destination, int port, String protocol,
                              boolean ingress) {
        if (!subject.isPod()) {
            return true;
        }
        boolean isolated = false;
        for (NetworkPolicy p : policies) {
            if (!p.getMetadata().getNamespace().equals(subject.namespace())
                    || !matches(p.getSpec().getPodSelector(), subject.labels())
                    || !types(p).contains(ingress ? "Ingress" : "Egress")) {
                continue;
            }
            isolated = true;
            List<? extends Object> rules = ingress ? Objects.requireNonNullElse(p.getSpec().getIngress(), List.of())
                    : Objects.requireNonNullElse(p.getSpec().getEgress(), List.of());
            for (Object rule : rules) {
                List<NetworkPolicyPeer> peers = ingress
                        ? ((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule) rule).getFrom()
                        : ((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule) rule).getTo();
                List<NetworkPolicyPort> ports = ingress
                        ? ((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule) rule).getPorts()
                        : ((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule) rule).getPorts();
                if (anyPeer(peers, peer, p.getMetadata().getNamespace()) && anyPort(ports, destination, port,
                        protocol)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static List<String> types(NetworkPolicy p) {
        if (p.getSpec().getPolicyTypes() != null && !p.getSpec().getPolicyTypes().isEmpty()) {
            return p.getSpec().getPolicyTypes();
        }
        // left out: Ingress always, Egress when the policy has egress rules
        return p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty() ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    private boolean anyPeer(List<NetworkPolicyPeer> peers, Endpoint peer, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer p : peers) {
            if (p.getIpBlock() != null) {
                if (inBlock(p.getIpBlock(), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (!peer.isPod()) {
                continue;
            }
            boolean namespaceOk = p.getNamespaceSelector() == null ? peer.namespace().equals(policyNamespace)
                    : matches(p.getNamespaceSelector(), namespaceLabels.getOrDefault(peer.namespace(),
                    Map.of("kubernetes.io/metadata.name", peer.namespace())));
            boolean podOk = p.getPodSelector() == null || matches(p.getPodSelector(), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyPort(List<NetworkPolicyPort> ports, Endpoint destination, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            String proto = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!proto.equals(protocol)) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            Integer first = value.getIntVal() != null ? value.getIntVal()
                    : destination.namedPorts() == null ? null : destination.namedPorts().get(value.getStrVal());
            if (first == null) {
                continue;
            }
            int last = p.getEndPort() != null ? p.getEndPort() : first;
            if (port >= first && port <= last) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(have.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : Objects.requireNonNullElse(selector.getMatchExpressions(),
                List.<LabelSelectorRequirement>of())) {
            String value = have.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(IPBlock block, String ip) {
        if (!inCidr(block.getCidr(), ip)) {
            return false;
        }
        for (String except : Objects.requireNonNullElse(block.getExcept(), List.<String>of())) {
            if (inCidr(except, ip)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (address(parts[0]) & mask) == (address(ip) & mask);
    }

    private static long address(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
