package org.evocnn.model.message;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelManifestTest {

    private static final String SHA = "0123456789abcdef".repeat(4);

    private static ModelManifest manifest(InputShape input) {
        return ModelManifest.of("shapes", input, List.of("circle", "square", "triangle"),
                ReferenceNetwork.MNIST_BASELINE.genome(), Fitness.ofTest(0.25, 0.875), "run-x-final2-1", SHA, 1234);
    }

    @Test
    void aManifestSaysHowImagesBecomeInputAndReadsBackAsWritten() {
        ModelManifest colour = manifest(new InputShape(32, 24, 3));
        assertThat(colour.channels()).isEqualTo("rgb");
        assertThat(colour.layout()).isEqualTo("nchw");
        assertThat(colour.pixelScale()).isEqualTo(1.0 / 255);
        assertThat(colour.evocnnVersion()).isNotBlank().isNotEqualTo("unknown");
        assertThat(manifest(new InputShape(28, 28, 1)).channels()).isEqualTo("gray");

        String json = ModelJson.write(colour);
        assertThat(json).contains("\"classNames\":[\"circle\",\"square\",\"triangle\"]", "\"testAccuracy\":0.875",
                "\"sha256\":\"" + SHA + "\"");
        assertThat(ModelJson.read(json, ModelManifest.class)).isEqualTo(colour);
    }

    @Test
    void aManifestThatDoesNotDescribeAUsableNetworkIsRefusedNamingTheField() {
        String json = ModelJson.write(manifest(new InputShape(28, 28, 1)));
        assertThatThrownBy(() -> ModelJson.read(json.replace("\"gray\"", "\"rgb\""), ModelManifest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> ModelJson.read(json.replace(SHA, "xyz"), ModelManifest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("sha256");
        assertThatThrownBy(() -> ModelJson.read(json.replace("\"nchw\"", "\"nhwc\""), ModelManifest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("layout");
        assertThatThrownBy(() -> ModelJson.read(json.replace("\"classNames\"", "\"classes\""), ModelManifest.class))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("classNames: missing");
    }

    @Test
    void aModelReferenceIsAHashAndASizeOrAReason() {
        ModelRef kept = ModelRef.kept(SHA, 99);
        assertThat(ModelJson.write(kept)).isEqualTo("{\"sha256\":\"" + SHA + "\",\"bytes\":99}");
        assertThat(ModelJson.read(ModelJson.write(ModelRef.notKept("too large")), ModelRef.class))
                .isEqualTo(ModelRef.notKept("too large"));
        assertThatThrownBy(() -> ModelRef.kept("ABC", 1)).isInstanceOf(FieldException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> ModelRef.kept(SHA, 0)).isInstanceOf(FieldException.class)
                .hasMessageContaining("bytes");

        EvaluationResult result = EvaluationResult.ok(EvaluationId.finalTraining("run-20261202-000000-0000", 1, 2),
                Fitness.ofTest(0.1, 0.9), 10, 1, null).withModel(kept);
        EvaluationResult read = ModelJson.readResult(ModelJson.write(result));
        assertThat(read.model()).isEqualTo(kept);
        assertThat(read).isEqualTo(result);
        assertThat(ModelJson.readResult(ModelJson.write(result.withModel(null))).model()).isNull();
    }
}
