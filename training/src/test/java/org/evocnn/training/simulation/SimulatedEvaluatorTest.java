package org.evocnn.training.simulation;

import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.evocnn.model.genome.Activation.RELU;

class SimulatedEvaluatorTest {

    private final List<Long> slept = new ArrayList<>();
    private final SimulatedEvaluator evaluator = new SimulatedEvaluator(0.1, 0.01, ResourceCaps.DEFAULTS,
            new EvaluatorInfo("h", "simulated", "none"), slept::add);

    private static EvaluationRequest request(EvaluationKind kind, Genome genome, long seed) {
        TrainingTask paper = TrainingTask.paperFitness("mnist");
        EvaluationId id = kind == EvaluationKind.FITNESS ? EvaluationId.fitness("r", 1) : EvaluationId.finalTraining("r", 1, 1);
        return new EvaluationRequest(id, genome, new TrainingTask("mnist", paper.folds(), paper.epochs(),
                paper.batchSize(), paper.optimizer(), paper.learningRate(), 0, seed));
    }

    @Test
    void anUnknownDataSetIsAFailedResultAsInDl4jMode() {
        EvaluationResult result = evaluator.evaluate(new EvaluationRequest(EvaluationId.fitness("r", 1),
                ReferenceNetwork.MNIST_BASELINE.genome(), TrainingTask.paperFitness("cifar-10")));

        assertThat(result.status()).isEqualTo(EvaluationStatus.FAILED);
        // other tests may have registered users' data sets in the shared catalog, so only the start is fixed
        assertThat(result.error()).startsWith("data set: unknown data set 'cifar-10', known: mnist, fashion-mnist");
        assertThat(slept).isEmpty();
    }

    @Test
    void withAStoppingRuleCurvesFallToTheFitnessAndAFoldAboveTheThresholdStops() {
        EvaluationRequest plain = request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_BASELINE.genome(), 1);
        EvaluationResult full = evaluator.evaluate(plain);
        EvaluationResult measured = evaluator.evaluate(new EvaluationRequest(plain.id(), plain.genome(), plain.task(),
                new org.evocnn.model.message.MedianStopping(List.of())));

        assertThat(measured.status()).isEqualTo(EvaluationStatus.OK);
        assertThat(measured.fitness()).isEqualTo(full.fitness());
        assertThat(measured.epochLosses()).hasSize(3).allSatisfy(c -> assertThat(c).hasSize(10));
        List<Double> first = measured.epochLosses().get(0);
        assertThat(first.get(9)).isEqualTo(full.fitness().foldLosses().get(0));
        assertThat(first.get(0)).isCloseTo(1.5 * first.get(9), within(1e-12));

        // fold 1 is above the threshold after epoch 2: stopped after 2 of 30 fold-epochs, paying for those only
        java.util.List<Double> thresholds = new ArrayList<>(java.util.Collections.nCopies(10, (Double) null));
        thresholds.set(1, first.get(1) * 0.99);
        EvaluationResult stopped = evaluator.evaluate(new EvaluationRequest(plain.id(), plain.genome(), plain.task(),
                new org.evocnn.model.message.MedianStopping(thresholds)));
        assertThat(stopped.status()).isEqualTo(EvaluationStatus.STOPPED);
        assertThat(stopped.epochLosses()).containsExactly(first.subList(0, 2));
        assertThat(stopped.wallSeconds()).isCloseTo(full.wallSeconds() * 2 / 30, within(1e-9));
    }

    @Test
    void aStopBetweenFoldsHandsOnTheFoldsDoneAndTheRestCostsTheRest() throws Exception {
        EvaluationRequest request = request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_BASELINE.genome(), 1);
        EvaluationResult whole = evaluator.evaluate(request);
        slept.clear();

        var paused = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.evocnn.training.GenomeEvaluator.Paused.class, () -> evaluator.evaluate(request, () -> true));
        assertThat(paused.progress().folds()).hasSize(1);
        assertThat(slept).hasSize(1);
        EvaluationResult rest = evaluator.evaluate(request.withProgress(paused.progress()));
        assertThat(rest.fitness()).isEqualTo(whole.fitness());
        assertThat(slept).hasSize(3); // folds 2 and 3 only
        assertThat(rest.wallSeconds()).isCloseTo(whole.wallSeconds() * 2 / 3, within(1e-9));
    }

    @Test
    void costIsProportionalToForwardFlopsAndIsSlept() {
        Genome baseline = ReferenceNetwork.MNIST_BASELINE.genome();
        Genome evolved = ReferenceNetwork.MNIST_EVOLVED.genome();

        EvaluationResult a = evaluator.evaluate(request(EvaluationKind.FITNESS, baseline, 1));
        EvaluationResult b = evaluator.evaluate(request(EvaluationKind.FITNESS, evolved, 1));

        double flopsRatio = NetworkAnalyzer.analyze(evolved).flopsPerSample()
                / (double) NetworkAnalyzer.analyze(baseline).flopsPerSample();
        assertThat(a.wallSeconds()).isCloseTo(0.1 * 12.188, within(0.01));
        assertThat(b.wallSeconds() / a.wallSeconds()).isCloseTo(flopsRatio, within(1e-9));
        // a fitness evaluation sleeps fold by fold (3 folds), so a stop can come between folds
        assertThat(slept).hasSize(6);
        assertThat(slept.subList(0, 3).stream().mapToLong(Long::longValue).sum())
                .isCloseTo(Math.round(a.wallSeconds() * 1000), org.assertj.core.api.Assertions.within(2L));
        assertThat(slept.subList(3, 6).stream().mapToLong(Long::longValue).sum())
                .isCloseTo(Math.round(b.wallSeconds() * 1000), org.assertj.core.api.Assertions.within(2L));
    }

    @Test
    void theNoiseModelGivesEveryArchitectureTheSameLevel() {
        SimulatedEvaluator flat = new SimulatedEvaluator(0.1, SimulatedEvaluator.FitnessModel.NOISE, 0.01, ResourceCaps.DEFAULTS,
                new EvaluatorInfo("h", "simulated", "none"), slept::add);
        double baseline = flat.evaluate(request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_BASELINE.genome(), 7))
                .fitness().loss();
        double evolved = flat.evaluate(request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_EVOLVED.genome(), 7))
                .fitness().loss();
        // mean of 3 folds with noise 0.01 around 0.1; the architecture model puts these two 0.05+ apart
        assertThat(baseline).isCloseTo(0.1, within(0.03));
        assertThat(evolved).isCloseTo(0.1, within(0.03));
        assertThat(baseline).isNotEqualTo(evolved);
        double architectureGap = Math.abs(
                evaluator.evaluate(request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_BASELINE.genome(), 7)).fitness().loss()
                - evaluator.evaluate(request(EvaluationKind.FITNESS, ReferenceNetwork.MNIST_EVOLVED.genome(), 7)).fitness().loss());
        assertThat(architectureGap).isGreaterThan(Math.abs(baseline - evolved));
    }

    @Test
    void fitnessIsDeterministicPerSeedAndFollowsTheArchitecture() {
        Genome evolved = ReferenceNetwork.MNIST_EVOLVED.genome();
        EvaluationResult first = evaluator.evaluate(request(EvaluationKind.FITNESS, evolved, 7));
        EvaluationResult again = evaluator.evaluate(request(EvaluationKind.FITNESS, evolved, 7));
        EvaluationResult otherSeed = evaluator.evaluate(request(EvaluationKind.FITNESS, evolved, 8));

        assertThat(again.fitness()).isEqualTo(first.fitness());
        assertThat(otherSeed.fitness()).isNotEqualTo(first.fitness());
        assertThat(first.fitness().foldLosses()).hasSize(3);
        // 431,659 parameters, three convolutions: close to the optimum of the model
        assertThat(first.fitness().loss()).isCloseTo(0.05 + 0.08 * Math.log10(431_659 / 250_000.0), within(0.04));

        Genome tiny = new Genome(List.of(new PoolBlock(3)), List.of(new DenseBlock(10, 0, RELU)));
        assertThat(evaluator.evaluate(request(EvaluationKind.FITNESS, tiny, 7)).fitness().loss())
                .isGreaterThan(first.fitness().loss() + 0.1);
    }

    @Test
    void finalKindReportsATestScoreAndInvalidGenomesAreInvalid() {
        EvaluationResult fin = evaluator.evaluate(request(EvaluationKind.FINAL, ReferenceNetwork.MNIST_EVOLVED.genome(), 1));
        assertThat(fin.fitness().foldLosses()).isEmpty();
        assertThat(fin.status()).isEqualTo(EvaluationStatus.OK);
        assertThat(slept).hasSize(1);

        Genome collapsing = new Genome(List.of(new PoolBlock(3), new PoolBlock(3), new PoolBlock(3), new PoolBlock(3)),
                List.of(new DenseBlock(10, 0, RELU)));
        EvaluationResult invalid = evaluator.evaluate(request(EvaluationKind.FITNESS, collapsing, 1));
        assertThat(invalid.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(slept).as("invalid genomes cost nothing").hasSize(1);
    }
}
