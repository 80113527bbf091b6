package org.evocnn.tools.inspect;

import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InspectCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return InspectCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsSummaryParamsFlopsAndHashOfAGenomeFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("evolved.json");
        Files.writeString(file, ModelJson.writePretty(ReferenceNetwork.MNIST_EVOLVED.genome()));

        assertThat(run(file.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("conv #22 kernelsize=2 activation=tanh")
                .contains("Trainable params: 431,659")
                .contains("Forward FLOPs per sample: ")
                .contains("Architecture hash: " + ReferenceNetwork.MNIST_EVOLVED.genome().architectureHash());
    }

    @Test
    void referenceNetworksCanBeInspectedWithoutAFile() {
        assertThat(run("--reference", "fashion-evolved")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Trainable params: 1,714,219");
    }

    @Test
    void inputShapeAndClassesChangeTheCount() {
        assertThat(run("--reference", "mnist-evolved", "--classes", "2")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Trainable params: " + String.format("%,d", 431_659 - 8 * 42 - 8));
    }

    @Test
    void unbuildableGenomeExitsWithOneAndTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("collapse.json");
        Files.writeString(file, """
                {"schemaVersion":1,"conv":[{"type":"pool","poolSize":3},{"type":"pool","poolSize":3},
                 {"type":"pool","poolSize":3},{"type":"pool","poolSize":3}],"dense":[]}""");

        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("conv[3]: pool 3x3 shrinks its 1x1 input below 1x1");
    }

    @Test
    void malformedFileExitsWithTwoNamingTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"conv\":[],\"dense\":[{\"size\":1,\"dropout\":0,\"activation\":\"x\"}]}");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dense[0].activation: unknown activation 'x'");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--classes")).isEqualTo(2);
        assertThat(run("/no/such/file.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read /no/such/file.json");
    }
}
