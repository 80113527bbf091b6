package org.evocnn.model.json;

import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.MedianStopping;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelJsonTest {

    private static final String EVOLVED = """
            {
              "schemaVersion": 1,
              "conv": [
                {"type": "conv", "filters": 22, "kernelSize": 2, "activation": "tanh"},
                {"type": "conv", "filters": 31, "kernelSize": 5, "activation": "linear"},
                {"type": "pool", "poolSize": 3},
                {"type": "conv", "filters": 33, "kernelSize": 5, "activation": "relu"}
              ],
              "dense": [
                {"size": 143, "dropout": 0.4, "activation": "relu"},
                {"size": 42, "dropout": 0.0, "activation": "tanh"}
              ]
            }
            """;

    @Test
    void readsTheDocumentedGenomeForm() {
        assertThat(ModelJson.readGenome(EVOLVED)).isEqualTo(ReferenceNetwork.MNIST_EVOLVED.genome());
    }

    @ParameterizedTest
    @EnumSource(ReferenceNetwork.class)
    void genomeRoundTrip(ReferenceNetwork network) {
        String json = ModelJson.write(network.genome());

        assertThat(json).startsWith("{\"schemaVersion\":1,");
        assertThat(ModelJson.readGenome(json)).isEqualTo(network.genome());
        assertThat(ModelJson.readGenome(ModelJson.writePretty(network.genome()))).isEqualTo(network.genome());
    }

    @Test
    void trainingGenesRoundTripAndAreWrittenOnlyWhenPresent() {
        Genome trained = ReferenceNetwork.MNIST_EVOLVED.genome()
                .withTraining(new org.evocnn.model.genome.TrainingGenes(org.evocnn.model.genome.Optimizer.SGD, 0.0005, 256));

        String json = ModelJson.write(trained);

        assertThat(json).startsWith("{\"schemaVersion\":2,").endsWith(
                "\"training\":{\"optimizer\":\"sgd\",\"learningRate\":5.0E-4,\"batchSize\":256}}");
        assertThat(ModelJson.readGenome(json)).isEqualTo(trained);
        assertThat(ModelJson.write(ReferenceNetwork.MNIST_EVOLVED.genome())).doesNotContain("training");
    }

    @Test
    void explicitPaddingIsWrittenOnlyWhenSet() {
        assertThat(ModelJson.write(ReferenceNetwork.MNIST_BASELINE.genome())).contains("\"padding\":\"valid\"");
        assertThat(ModelJson.write(ReferenceNetwork.MNIST_EVOLVED.genome())).doesNotContain("padding");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"schemaVersion\":3,\"conv\":[],\"dense\":[]}                     | schemaVersion: 3 is not supported (supported: 1, 2)",
            "{\"schemaVersion\":1,\"conv\":[],\"dense\":[],\"training\":{\"optimizer\":\"adam\",\"learningRate\":0.01,\"batchSize\":32}} | training: needs schemaVersion 2",
            "{\"conv\":[],\"dense\":[]}                                         | schemaVersion: missing",
            "{\"schemaVersion\":1,\"dense\":[]}                                 | conv: missing",
            "{\"schemaVersion\":1,\"conv\":[],\"dense\":[],\"extra\":1}         | extra: unknown field, known: conv, dense, schemaVersion",
            "{\"schemaVersion\":1,\"conv\":[{\"type\":\"lstm\"}],\"dense\":[]}  | conv[0].type: unknown block type 'lstm', allowed: conv, pool",
            "{\"schemaVersion\":1,\"conv\":[{\"poolSize\":2}],\"dense\":[]}     | conv[0].type: missing, allowed: conv, pool",
            "{\"schemaVersion\":1,\"conv\":[{\"type\":\"pool\"}],\"dense\":[]}  | conv[0].poolSize: missing",
            "{\"schemaVersion\":1,\"conv\":[{\"type\":\"pool\",\"poolSize\":2.5}],\"dense\":[]} | conv[0].poolSize: ",
            "{\"schemaVersion\":1,\"conv\":[{\"type\":\"pool\",\"poolSize\":\"2\"}],\"dense\":[]} | conv[0].poolSize: ",
            "{\"schemaVersion\":1,\"conv\":[{\"type\":\"pool\",\"poolSize\":2,\"padding\":\"full\"}],\"dense\":[]} | conv[0].padding: unknown padding 'full', allowed: same, valid",
            "{\"schemaVersion\":1,\"conv\":[],\"dense\":[{\"size\":10,\"dropout\":0,\"activation\":\"swish\"}]} | dense[0].activation: unknown activation 'swish', allowed: relu, tanh, sigmoid, hard_sigmoid, linear, leaky_relu",
            "{\"schemaVersion\":1,\"conv\":[],\"dense\":[{\"size\":10,\"dropout\":0}]} | dense[0].activation: missing",
            "{\"schemaVersion\":1,\"conv\":[]                                   | malformed JSON at line 1, column ",
            "{\"schemaVersion\":1,\"conv\":[],\"dense\":[]} {}                  | malformed JSON",
            "''                                                                 | empty document",
    })
    void everyReadErrorNamesItsField(String json, String expected) {
        assertThatThrownBy(() -> ModelJson.readGenome(json))
                .isInstanceOf(InvalidJsonException.class)
                .satisfies(e -> assertThat(((InvalidJsonException) e).violations())
                        .singleElement().extracting(Violation::toString).asString().startsWith(expected));
    }

    @Test
    void requestRoundTripKeepsEveryField() {
        EvaluationRequest request = new EvaluationRequest(EvaluationId.fitness("run-1", 7),
                ReferenceNetwork.FASHION_BASELINE.genome(),
                new TrainingTask("fashion-mnist", 3, 2, 64, org.evocnn.model.genome.Optimizer.ADAM, 0.01, 500, 42));

        String json = ModelJson.write(request);

        assertThat(json).startsWith("{\"schemaVersion\":2,\"runId\":\"run-1\",\"evaluationId\":\"run-1-000007\","
                + "\"kind\":\"fitness\",\"sequence\":7,\"repeat\":0,").contains("\"optimizer\":\"adam\"");
        assertThat(ModelJson.readRequest(json)).isEqualTo(request);
        assertThat(ModelJson.readRequest(json).id()).isEqualTo(EvaluationId.fitness("run-1", 7));
        assertThat(json).as("no stopping rule: the message earlier versions read").doesNotContain("stopping");

        EvaluationRequest stopping = new EvaluationRequest(request.id(), request.genome(), request.task(),
                new MedianStopping(java.util.Arrays.asList(0.9, null)));
        String withRule = ModelJson.write(stopping);
        assertThat(withRule).contains("\"stopping\":{\"thresholds\":[0.9,null]}");
        assertThat(ModelJson.readRequest(withRule)).isEqualTo(stopping);
        assertThat(ModelJson.readRequest(withRule).stopping().stops(1, 0.95)).isTrue();
        assertThat(ModelJson.readRequest(withRule).stopping().stops(1, 0.9)).isFalse();
        assertThat(ModelJson.readRequest(withRule).stopping().stops(2, 5.0)).as("no threshold").isFalse();
        assertThat(violation(withRule.replace("[0.9,null]", "[-1.0]"))).startsWith("stopping.thresholds[0]: ");
    }

    @Test
    void inheritanceTravelsInRequestsAndResults() {
        String sha = "ab".repeat(32);
        org.evocnn.model.message.Inherit inherit = new org.evocnn.model.message.Inherit(List.of(
                org.evocnn.model.message.Inherit.Parent.sent(3, org.evocnn.model.message.ModelRef.kept(sha, 1234), 2),
                org.evocnn.model.message.Inherit.Parent.missing(5, "its weights file is gone")),
                List.of(new org.evocnn.model.genome.LayerSource(3, 0), org.evocnn.model.genome.LayerSource.FRESH,
                        new org.evocnn.model.genome.LayerSource(5, 2)));
        EvaluationRequest request = new EvaluationRequest(EvaluationId.fitness("run-1", 7),
                ReferenceNetwork.FASHION_BASELINE.genome(), TrainingTask.paperFitness("mnist")).withInherit(inherit);
        String json = ModelJson.write(request);
        assertThat(json).contains("\"inherit\":{\"parents\":[{\"sequence\":3,\"sha256\":\"" + sha
                + "\",\"bytes\":1234,\"lineageEpochs\":2},{\"sequence\":5,\"bytes\":0,\"lineageEpochs\":0,"
                + "\"missing\":\"its weights file is gone\"}]");
        assertThat(ModelJson.readRequest(json)).isEqualTo(request);
        assertThat(inherit.travelling()).extracting(org.evocnn.model.message.Inherit.Parent::sequence)
                .containsExactly(3L);
        assertThat(inherit.bodyBytes()).isEqualTo(1234);
        assertThat(inherit.missingNote()).isEqualTo("parent 5: its weights file is gone (its layers trained from "
                + "scratch)");
        assertThat(inherit.withMissing(3, "damaged").missingNote()).startsWith("parent 3: damaged; parent 5: ");
        assertThat(ModelJson.write(new EvaluationRequest(request.id(), request.genome(), request.task())))
                .as("without inheritance, the message of earlier versions").doesNotContain("inherit");
        assertThat(violation(json.replace("\"sha256\":\"" + sha, "\"sha256\":\"xyz")))
                .startsWith("inherit.parents[0].sha256: ");

        EvaluationResult result = EvaluationResult.ok(request.id(), Fitness.ofFolds(List.of(0.4), List.of(0.9)), 10,
                2.0, null).withInherited(new org.evocnn.model.message.Inherited(2, 1_000, 3, null));
        String written = ModelJson.write(result);
        assertThat(written).contains("\"inherited\":{\"layers\":2,\"params\":1000,\"lineageEpochs\":3}");
        assertThat(ModelJson.readResult(written)).isEqualTo(result);
    }

    @Test
    void resultRoundTripForEveryStatus() {
        EvaluationId id = EvaluationId.fitness("r", 1);
        EvaluatorInfo who = new EvaluatorInfo("host-a", "cpu", "AMD EPYC");
        List<EvaluationResult> results = List.of(
                EvaluationResult.ok(id, Fitness.ofFolds(List.of(0.1, 0.2, 0.3), List.of(0.9, 0.95, 1.0)),
                        431_659, 12.5, who),
                EvaluationResult.invalid(id, "conv[3]: pool 2x2 shrinks its 1x1 input below 1x1", null, who),
                EvaluationResult.failed(EvaluationId.finalTraining("r", 2, 3), "out of memory", 3.0, who),
                EvaluationResult.stopped(id, "median stopping rule: fold 1 of 3 after epoch 2", 1_000, 1.5, who,
                        List.of(List.of(2.0, 1.9))),
                EvaluationResult.ok(id, Fitness.ofFolds(List.of(0.5, 0.6), List.of(0.8, 0.7)), 10, 1, who)
                        .withEpochLosses(List.of(List.of(0.7, 0.5), List.of(0.8, 0.6))));

        for (EvaluationResult result : results) {
            assertThat(ModelJson.readResult(ModelJson.write(result))).isEqualTo(result);
        }
        assertThat(results.get(0).fitness().loss()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ModelJson.write(results.get(1))).doesNotContain("\"fitness\":").contains("\"status\":\"invalid\"");
    }

    @Test
    void nestedErrorsNameTheFullPath() {
        String json = ModelJson.write(new EvaluationRequest(EvaluationId.fitness("r", 1),
                ReferenceNetwork.MNIST_EVOLVED.genome(), TrainingTask.paperFitness("mnist")));

        assertThat(violation(json.replace("\"folds\":3", "\"folds\":1")))
                .isEqualTo("task.folds: 1 is outside 2..100");
        assertThat(violation(json.replace("\"kind\":\"fitness\"", "\"kind\":\"train\"")))
                .isEqualTo("kind: unknown kind 'train', allowed: fitness, final");
        assertThat(violation(json.replace("\"activation\":\"linear\"", "\"activation\":\"gelu\"")))
                .startsWith("genome.conv[1].activation: unknown activation 'gelu'");
        assertThat(violation(json.replaceFirst("\"schemaVersion\":2", "\"schemaVersion\":9")))
                .isEqualTo("schemaVersion: 9 is not supported (supported: 2)");
        assertThat(violation(json.replace("\"sequence\":1", "\"sequence\":0")))
                .isEqualTo("sequence: 0 is not positive");
        assertThat(violation(json.replace("\"repeat\":0", "\"repeat\":2")))
                .startsWith("repeat: 2 given for a fitness evaluation");
        assertThat(violation(json.replace(",\"sequence\":1", "")))
                .isEqualTo("sequence: missing");
        assertThat(violation(json.replace("\"runId\":\"r\"", "\"runId\":\" \"")))
                .isEqualTo("runId: missing or blank");
    }

    @Test
    void resultsMustCarryFitnessWhenOkAndAnErrorOtherwise() {
        String ok = "{\"schemaVersion\":2,\"runId\":\"r\",\"kind\":\"fitness\",\"sequence\":1,\"status\":\"ok\"}";
        String failed = "{\"schemaVersion\":2,\"runId\":\"r\",\"kind\":\"fitness\",\"sequence\":1,\"status\":\"failed\"}";

        assertThatThrownBy(() -> ModelJson.readResult(ok)).hasMessage("fitness: missing");
        assertThatThrownBy(() -> ModelJson.readResult(failed)).hasMessage("error: missing or blank");
        assertThat(ModelJson.readResult(failed.replace("}", ",\"error\":\"boom\"}")).status())
                .isEqualTo(EvaluationStatus.FAILED);
    }

    @Test
    void idsOfAMalformedMessageCanStillBeRead() {
        assertThat(ModelJson.readIds("{\"runId\":\"r\",\"kind\":\"final\",\"sequence\":3,\"repeat\":2,\"genome\":42}"))
                .contains(EvaluationId.finalTraining("r", 3, 2));
        assertThat(ModelJson.readIds("{\"runId\":\"r\",\"evaluationId\":\"r-000001\"}"))
                .as("the text id alone is not parsed").isEmpty();
        assertThat(ModelJson.readIds("{\"runId\":\"r\",\"kind\":\"fitness\",\"sequence\":-1}")).isEmpty();
        assertThat(ModelJson.readIds("not json")).isEmpty();
        assertThat(ModelJson.readIds("[1,2]")).isEmpty();
    }

    private static String violation(String json) {
        try {
            ModelJson.readRequest(json);
        } catch (InvalidJsonException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an error for " + json);
    }

    @Test
    void genomeInARequestIsTheSameObjectAfterRoundTrip() {
        Genome genome = ReferenceNetwork.FASHION_EVOLVED.genome();
        EvaluationRequest request = new EvaluationRequest(EvaluationId.finalTraining("r", 1, 1), genome,
                TrainingTask.paperFinal("fashion-mnist"));
        assertThat(ModelJson.readRequest(ModelJson.write(request)).genome().architectureHash())
                .isEqualTo(genome.architectureHash());
    }
}
