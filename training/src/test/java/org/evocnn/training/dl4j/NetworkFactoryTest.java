package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.engine.operators.Breeder;
import org.evocnn.engine.population.TournamentSelection;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.Variation;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkFactoryTest {

    private static final TrainingTask TASK = TrainingTask.paperFitness("mnist");

    @ParameterizedTest
    @EnumSource(ReferenceNetwork.class)
    void dl4jParameterCountEqualsThePapersForTheReferenceNetworks(ReferenceNetwork network) {
        MultiLayerNetwork built = NetworkFactory.build(network.genome(), TASK, InputShape.MNIST, 10);
        try {
            assertThat(built.numParams()).isEqualTo(network.paperParams());
        } finally {
            built.close();
        }
    }

    @Test
    void dl4jParameterCountEqualsTheAnalyticCountFor200RandomGenomes() {
        Breeder breeder = new Breeder(SearchSpace.defaults(), Variation.defaults(), new TournamentSelection(3),
                InputShape.MNIST, 10, 128, 1);
        SplittableRandom rng = new SplittableRandom(2026);
        for (int i = 0; i < 200; i++) {
            Genome genome = breeder.random(rng).genome();
            MultiLayerNetwork built = NetworkFactory.build(genome, TASK, InputShape.MNIST, 10);
            try {
                assertThat(built.numParams()).as(genome.describe())
                        .isEqualTo(NetworkAnalyzer.analyze(genome).trainableParams());
            } finally {
                built.close();
            }
        }
    }

    @Test
    void dropoutOfADenseBlockActsOnTheNextLayersInputAsRetainProbability() {
        var conf = NetworkFactory.configuration(ReferenceNetwork.MNIST_EVOLVED.genome(), TASK, InputShape.MNIST, 10);
        // conv, conv, pool, conv, dense(143, drop .4), dense(42, drop 0), output
        DenseLayer first = (DenseLayer) conf.getConf(4).getLayer();
        DenseLayer second = (DenseLayer) conf.getConf(5).getLayer();
        OutputLayer output = (OutputLayer) conf.getConf(6).getLayer();
        assertThat(first.getIDropout()).isNull();
        assertThat(second.getIDropout()).isNotNull();
        assertThat(second.getIDropout().toString()).contains("0.6");
        assertThat(output.getIDropout()).isNull();
    }

    @Test
    void leakyReluUsesKerasSlope() {
        var conf = NetworkFactory.configuration(ReferenceNetwork.FASHION_BASELINE.genome(), TASK, InputShape.MNIST, 10);
        var conv = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) conf.getConf(0).getLayer();
        assertThat(conv.getActivationFn()).isInstanceOf(ActivationLReLU.class);
        assertThat(((ActivationLReLU) conv.getActivationFn()).getAlpha()).isEqualTo(0.3);
    }

    @Test
    void aGenomesTrainingGenesChooseTheUpdaterAndItsLearningRate() {
        var genome = ReferenceNetwork.MNIST_EVOLVED.genome();
        var adam = NetworkFactory.configuration(genome.withTraining(
                new org.evocnn.model.genome.TrainingGenes(org.evocnn.model.genome.Optimizer.ADAM, 0.003, 64)),
                TASK, InputShape.MNIST, 10);
        var updater = ((org.deeplearning4j.nn.conf.layers.BaseLayer) adam.getConf(0).getLayer()).getIUpdater();
        assertThat(updater).isInstanceOf(org.nd4j.linalg.learning.config.Adam.class);
        assertThat(((org.nd4j.linalg.learning.config.Adam) updater).getLearningRate()).isEqualTo(0.003);

        var sgd = NetworkFactory.configuration(genome.withTraining(
                new org.evocnn.model.genome.TrainingGenes(org.evocnn.model.genome.Optimizer.SGD, 0.02, 32)),
                TASK, InputShape.MNIST, 10);
        var nesterovs = (org.nd4j.linalg.learning.config.Nesterovs)
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) sgd.getConf(0).getLayer()).getIUpdater();
        assertThat(nesterovs.getLearningRate()).isEqualTo(0.02);
        assertThat(nesterovs.getMomentum()).isEqualTo(0.9);

        // without genes the task's: RMSProp at its rate
        var plain = NetworkFactory.configuration(genome, TASK, InputShape.MNIST, 10);
        var rms = ((org.deeplearning4j.nn.conf.layers.BaseLayer) plain.getConf(0).getLayer()).getIUpdater();
        assertThat(rms).isInstanceOf(org.nd4j.linalg.learning.config.RmsProp.class);
        assertThat(((org.nd4j.linalg.learning.config.RmsProp) rms).getLearningRate()).isEqualTo(TASK.learningRate());
    }
}
