package org.evocnn.model.genome;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.evocnn.model.genome.Activation.RELU;
import static org.evocnn.model.genome.Activation.TANH;

class GenomeTest {

    @Test
    void explicitDefaultPaddingHashesLikeNoPadding() {
        Genome implicit = new Genome(List.of(new ConvBlock(8, 3, RELU), new PoolBlock(2)),
                List.of(new DenseBlock(10, 0.0, RELU)));
        Genome explicit = new Genome(List.of(new ConvBlock(8, 3, RELU, Padding.SAME), new PoolBlock(2, Padding.VALID)),
                List.of(new DenseBlock(10, -0.0 + 0.0, RELU)));

        assertThat(explicit.architectureHash()).isEqualTo(implicit.architectureHash());
        assertThat(explicit.canonicalForm()).isEqualTo(implicit.canonicalForm());
    }

    @Test
    void hashIsStableAcrossCallsAndDiffersBetweenArchitectures() {
        Genome mnist = ReferenceNetwork.MNIST_EVOLVED.genome();
        assertThat(mnist.architectureHash()).hasSize(16).isEqualTo(mnist.architectureHash())
                .isEqualTo(new Genome(mnist.convPart(), mnist.densePart()).architectureHash());

        Set<String> hashes = new HashSet<>();
        for (ReferenceNetwork r : ReferenceNetwork.values()) {
            hashes.add(r.genome().architectureHash());
        }
        hashes.add(new Genome(mnist.convPart(), List.of(new DenseBlock(143, 0.4, TANH))).architectureHash());
        assertThat(hashes).hasSize(5);
    }

    @Test
    void orderOfBlocksMatters() {
        Genome a = new Genome(List.of(new ConvBlock(8, 3, RELU), new PoolBlock(2)), List.of(new DenseBlock(10, 0, RELU)));
        Genome b = new Genome(List.of(new PoolBlock(2), new ConvBlock(8, 3, RELU)), List.of(new DenseBlock(10, 0, RELU)));
        assertThat(a.architectureHash()).isNotEqualTo(b.architectureHash());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void describeUsesThePapersListingStyle() {
        assertThat(ReferenceNetwork.MNIST_EVOLVED.genome().describe()).isEqualTo("""
                conv #22 kernelsize=2 activation=tanh
                conv #31 kernelsize=5 activation=linear
                pool poolsize=3
                conv #33 kernelsize=5 activation=relu
                dense #143 dropout=0.4 activation=relu
                dense #42 dropout=0.0 activation=tanh
                """);
    }

    @Test
    void unsupportedSchemaVersionNamesTheField() {
        assertThatThrownBy(() -> new Genome(3, List.of(), List.of()))
                .isInstanceOf(FieldException.class)
                .hasMessage("schemaVersion: 3 is not supported (supported: 1, 2)");
    }

    @Test
    void trainingGenesAreInTheCanonicalFormAndTheHashAndOnlyWhenPresent() {
        Genome architecture = ReferenceNetwork.MNIST_EVOLVED.genome();
        TrainingGenes genes = new TrainingGenes(Optimizer.ADAM, 0.003, 64);
        Genome trained = architecture.withTraining(genes);

        assertThat(trained.schemaVersion()).isEqualTo(2);
        assertThat(trained.withTraining(null)).isEqualTo(architecture);
        assertThat(architecture.canonicalForm()).doesNotContain("|T");
        assertThat(trained.canonicalForm()).startsWith(architecture.canonicalForm()).endsWith("|Tadamlr0.003b64");
        assertThat(trained.architectureHash()).isNotEqualTo(architecture.architectureHash());
        for (Genome changed : List.of(trained.withTraining(genes.withOptimizer(Optimizer.SGD)),
                trained.withTraining(genes.withLearningRate(0.0031)), trained.withTraining(genes.withBatchSize(32)))) {
            assertThat(changed.architectureHash()).isNotEqualTo(trained.architectureHash());
        }
        assertThat(trained.describe()).endsWith("training optimizer=adam learningRate=0.003 batchSize=64\n");
        assertThatThrownBy(() -> new TrainingGenes(Optimizer.ADAM, 0, 64)).hasMessage("learningRate: 0.0 is outside (0, 10]");
    }

    @Test
    void activationNamesFollowKerasAndAcceptThePapersSpelling() {
        assertThat(Activation.of("hard_sigmoid")).isEqualTo(Activation.HARD_SIGMOID);
        assertThat(Activation.of("hardsigmoid")).isEqualTo(Activation.HARD_SIGMOID);
        assertThat(Activation.of("leakyRelu")).isEqualTo(Activation.LEAKY_RELU);
        assertThatThrownBy(() -> Activation.of("swish"))
                .hasMessage("unknown activation 'swish', allowed: relu, tanh, sigmoid, hard_sigmoid, linear, leaky_relu");
    }
}
