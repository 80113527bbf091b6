package org.evocnn.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator's admission policy, its CEL expressions evaluated by Google's CEL implementation on the requests
 * an evaluator's token could make: its own pod's deletion cost passes; another pod, a label, another annotation, a
 * removed annotation or a spec change is refused; other users are not matched at all.
 */
class AdmissionPolicyTest {

    private static final String COST = "controller.kubernetes.io/pod-deletion-cost";
    private static final String EVALUATOR = "system:serviceaccount:evocnn:evaluator";
    private static ValidatingAdmissionPolicy policy;
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN).addVar("variables", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    @BeforeAll
    static void render() throws Exception {
        Manifests.Rendered r = Manifests.render("cpu");
        policy = r.one(ValidatingAdmissionPolicy.class, "evocnn-evaluator-deletion-cost");
        ValidatingAdmissionPolicyBinding binding = r.one(ValidatingAdmissionPolicyBinding.class,
                "evocnn-evaluator-deletion-cost");
        assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
        assertThat(binding.getSpec().getMatchResources().getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "evocnn");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getResources()).containsExactly("pods");
            assertThat(rule.getOperations()).containsExactly("UPDATE");
        });
        // RBAC lets the evaluator do nothing but patch pods: the policy narrows that
        assertThat(r.one(Role.class, "evaluator-deletion-cost").getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("patch"));
    }

    private static Object eval(String expression, Map<String, Object> input) throws Exception {
        CelRuntime.Program program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
        return program.eval(input);
    }

    /** The policy's verdict: null when the request is not matched, else the failed validations' messages. */
    private static List<String> admit(String user, String podName, Map<String, Object> oldPod,
                                      Map<String, Object> newPod) throws Exception {
        Map<String, Object> userInfo = new HashMap<>();
        userInfo.put("username", user);
        if (podName != null) {
            userInfo.put("extra", Map.of("authentication.kubernetes.io/pod-name", List.of(podName)));
        }
        Map<String, Object> input = new HashMap<>();
        input.put("request", Map.of("userInfo", userInfo, "operation", "UPDATE"));
        input.put("object", newPod);
        input.put("oldObject", oldPod);
        for (var condition : policy.getSpec().getMatchConditions()) {
            if (!Boolean.TRUE.equals(eval(condition.getExpression(), input))) {
                return null;
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        input.put("variables", variables);
        for (Variable v : policy.getSpec().getVariables()) {
            variables.put(v.getName(), eval(v.getExpression(), input));
        }
        List<String> failed = new ArrayList<>();
        for (Validation v : policy.getSpec().getValidations()) {
            if (!Boolean.TRUE.equals(eval(v.getExpression(), input))) {
                failed.add(v.getMessage());
            }
        }
        return failed;
    }

    /** A pod as the API server hands it to admission: plain JSON maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> pod(String name, Consumer<Map<String, Object>> change) throws Exception {
        String json = """
                {"apiVersion": "v1", "kind": "Pod",
                 "metadata": {"name": "%s", "namespace": "evocnn",
                              "labels": {"app.kubernetes.io/name": "evaluator", "pod-template-hash": "abc"},
                              "annotations": {"prometheus.io/scrape": "true", "%s": "0"},
                              "ownerReferences": [{"kind": "ReplicaSet", "name": "evaluator-abc", "uid": "1"}]},
                 "spec": {"containers": [{"name": "evaluator", "image": "evocnn/evaluator-service:0.1.0"}]}}
                """.formatted(name, COST);
        Map<String, Object> pod = new ObjectMapper().readValue(json, Map.class);
        change.accept(pod);
        return pod;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> pod, String field) {
        return (Map<String, Object>) ((Map<String, Object>) pod.get("metadata")).get(field);
    }

    @Test
    void anEvaluatorMaySetItsOwnPodsDeletionCost() throws Exception {
        Map<String, Object> before = pod("evaluator-1", p -> { });
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> meta(p, "annotations")
                .put(COST, "1000")))).isEmpty();
        // a pod that had no deletion cost yet
        Map<String, Object> without = pod("evaluator-1", p -> meta(p, "annotations").remove(COST));
        assertThat(admit(EVALUATOR, "evaluator-1", without, before)).isEmpty();
    }

    @Test
    void everythingElseAnEvaluatorTriesIsRefused() throws Exception {
        Map<String, Object> before = pod("evaluator-1", p -> { });
        assertThat(admit(EVALUATOR, "evaluator-2", before, pod("evaluator-1", p -> meta(p, "annotations")
                .put(COST, "1000")))).as("another evaluator's pod").containsExactly(
                "an evaluator may change only its own pod");
        assertThat(admit(EVALUATOR, null, before, pod("evaluator-1", p -> meta(p, "annotations").put(COST, "1"))))
                .as("a token not bound to a pod").hasSize(1);
        String onlyCost = "an evaluator may change only its pod's " + COST + " annotation";
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> meta(p, "labels")
                .put("app.kubernetes.io/name", "artemis")))).as("a label").containsExactly(onlyCost);
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> meta(p, "annotations")
                .put("prometheus.io/scrape", "false")))).as("another annotation").containsExactly(onlyCost);
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> meta(p, "annotations")
                .remove("prometheus.io/scrape")))).as("a removed annotation").containsExactly(onlyCost);
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> meta(p, "annotations")
                .put("new", "x")))).as("an added annotation").containsExactly(onlyCost);
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1",
                p -> ((Map<String, Object>) p.get("metadata")).remove("ownerReferences"))))
                .as("orphaning itself").containsExactly(onlyCost);
        assertThat(admit(EVALUATOR, "evaluator-1", before, pod("evaluator-1", p -> p.put("spec",
                Map.of("containers", List.of(Map.of("name", "evaluator", "image", "attacker/image")))))))
                .as("its image").containsExactly(onlyCost);
    }

    @Test
    void otherUsersAreNotMatched() throws Exception {
        Map<String, Object> before = pod("evaluator-1", p -> { });
        assertThat(admit("system:serviceaccount:kube-system:replicaset-controller", null, before,
                pod("evaluator-1", p -> meta(p, "labels").put("x", "y")))).isNull();
    }
}
