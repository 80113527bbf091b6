package org.evocnn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders an overlay with {@code kubectl kustomize} and reads every object with its schema type. */
final class Manifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The objects of one overlay: Kubernetes kinds as fabric8 types, KEDA's as {@link Keda} types. */
    record Rendered(List<HasMetadata> objects, List<Keda.ScaledObject> scaledObjects,
                    List<Keda.TriggerAuthentication> triggerAuthentications, List<JsonNode> monitoring) {

        <T extends HasMetadata> T one(Class<T> type, String name) {
            return objects.stream().filter(type::isInstance).map(type::cast)
                    .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
        }
    }

    private Manifests() {
    }

    /** The Secrets of {@code k8s/secrets.example.yaml}: what an operator creates before the first apply. */
    static List<io.fabric8.kubernetes.api.model.Secret> secretsExample() throws IOException {
        List<io.fabric8.kubernetes.api.model.Secret> secrets = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(ROOT.resolve("k8s/secrets.example.yaml").toFile())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                secrets.add(YAML.treeToValue(doc, io.fabric8.kubernetes.api.model.Secret.class));
            }
        }
        return secrets;
    }

    static String kustomize(String overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve("k8s/overlays").resolve(overlay).toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static Rendered render(String overlay) throws Exception {
        List<HasMetadata> objects = new ArrayList<>();
        List<Keda.ScaledObject> scaled = new ArrayList<>();
        List<Keda.TriggerAuthentication> auths = new ArrayList<>();
        List<JsonNode> monitoring = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(kustomize(overlay))) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                String kind = doc.path("kind").asText();
                String where = overlay + ": " + kind + " " + doc.path("metadata").path("name").asText();
                switch (kind) {
                    case "ScaledObject" -> scaled.add(Keda.STRICT.treeToValue(doc, Keda.ScaledObject.class));
                    case "TriggerAuthentication" ->
                            auths.add(Keda.STRICT.treeToValue(doc, Keda.TriggerAuthentication.class));
                    // the Prometheus operator's kinds (components/monitoring), checked by MonitoringTest
                    case "PodMonitor", "PrometheusRule" -> monitoring.add(doc);
                    default -> {
                        Object typed = Serialization.unmarshal(YAML.writeValueAsString(doc));
                        if (!(typed instanceof HasMetadata object) || typed instanceof GenericKubernetesResource) {
                            throw new AssertionError(where + ": not a known Kubernetes kind");
                        }
                        List<String> unknown = new ArrayList<>();
                        unknownFields(object, kind, unknown, new IdentityHashMap<>());
                        if (!unknown.isEmpty()) {
                            throw new AssertionError(where + ": fields not in the schema: " + unknown);
                        }
                        objects.add(object);
                    }
                }
            }
        }
        return new Rendered(objects, scaled, auths, monitoring);
    }

    /**
     * fabric8 keeps fields its schema lacks in {@code additionalProperties} instead of failing: any found anywhere
     * in the object is a misspelt or misplaced field.
     */
    private static void unknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
        }
    }
}
