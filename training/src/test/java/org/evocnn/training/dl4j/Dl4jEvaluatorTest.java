package org.evocnn.training.dl4j;

import org.evocnn.training.data.Fixture;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.MedianStopping;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.model.genome.Activation.RELU;

/** Real DL4J training on the committed 600-image MNIST fixture. */
class Dl4jEvaluatorTest {

    private static final EvaluatorInfo WHO = new EvaluatorInfo("test", "cpu", "test");
    private static final Genome SMALL = new Genome(
            List.of(new ConvBlock(8, 3, RELU), new PoolBlock(2)),
            List.of(new DenseBlock(32, 0.2, RELU)));

    private final Dl4jEvaluator evaluator = new Dl4jEvaluator(Fixture.registry(), new ResourceCaps(2_000_000, 0, 0),
            Duration.ofHours(1), WHO);

    private static EvaluationRequest request(EvaluationKind kind, Genome genome, int folds, int epochs) {
        return new EvaluationRequest(kind == EvaluationKind.FITNESS ? EvaluationId.fitness("run", 1)
                : EvaluationId.finalTraining("run", 1, 1), genome,
                new TrainingTask("mnist", folds, epochs, 32, Optimizer.RMSPROP, 0.001, 0, 7));
    }

    @Test
    void crossValidationOnTheFixtureIsClearlyAboveChance() {
        EvaluationResult result = evaluator.evaluate(request(EvaluationKind.FITNESS, SMALL, 3, 1));

        assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(result.fitness().foldLosses()).hasSize(3);
        assertThat(result.fitness().foldAccuracies()).allSatisfy(a -> assertThat(a).isGreaterThan(0.4));
        assertThat(result.fitness().accuracy()).isGreaterThan(0.5);
        assertThat(result.fitness().loss()).isLessThan(Math.log(10)); // chance: ln 10 = 2.30
        assertThat(result.trainableParams()).isEqualTo(8L * 9 + 8 + 14 * 14 * 8 * 32 + 32 + 330);
        assertThat(result.wallSeconds()).isPositive();
        assertThat(result.evaluator()).isEqualTo(WHO);
    }

    @Test
    void sameSeedGivesTheSameFitness() {
        EvaluationResult a = evaluator.evaluate(request(EvaluationKind.FITNESS, SMALL, 2, 1));
        EvaluationResult b = evaluator.evaluate(request(EvaluationKind.FITNESS, SMALL, 2, 1));
        assertThat(b.fitness().foldLosses()).isEqualTo(a.fitness().foldLosses());
    }

    @Test
    void theMedianStoppingRuleStopsAFoldAboveItsThresholdAndKeepsTheCurves() {
        EvaluationRequest plain = request(EvaluationKind.FITNESS, SMALL, 2, 2);
        // no threshold yet (the run has too few results): curves are measured, nothing stops
        EvaluationResult measured = evaluator.evaluate(new EvaluationRequest(plain.id(), SMALL, plain.task(),
                new MedianStopping(java.util.Arrays.asList(null, null))));
        assertThat(measured.status()).as(measured.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(measured.epochLosses()).hasSize(2).allSatisfy(curve -> assertThat(curve).hasSize(2));
        // the fitness is each fold's loss after its last epoch, as without the rule
        assertThat(measured.fitness().foldLosses()).containsExactly(measured.epochLosses().get(0).get(1),
                measured.epochLosses().get(1).get(1));
        assertThat(measured.fitness().foldLosses()).isEqualTo(evaluator.evaluate(plain).fitness().foldLosses());

        // a threshold below the first fold's best loss by epoch 2 stops it there, before fold 2
        List<Double> first = measured.epochLosses().get(0);
        double best = Math.min(first.get(0), first.get(1));
        EvaluationResult stopped = evaluator.evaluate(new EvaluationRequest(plain.id(), SMALL, plain.task(),
                new MedianStopping(java.util.Arrays.asList(null, best * 0.99))));
        assertThat(stopped.status()).isEqualTo(EvaluationStatus.STOPPED);
        assertThat(stopped.error()).startsWith("median stopping rule: fold 1 of 2 after epoch 2");
        assertThat(stopped.epochLosses()).containsExactly(first);
        assertThat(stopped.fitness()).isNull();
        assertThat(stopped.wallSeconds()).isPositive().isLessThan(measured.wallSeconds());

        // at its threshold it goes on
        EvaluationResult through = evaluator.evaluate(new EvaluationRequest(plain.id(), SMALL, plain.task(),
                new MedianStopping(java.util.Arrays.asList(first.get(0), best))));
        assertThat(through.status()).isEqualTo(EvaluationStatus.OK);
    }

    @Test
    void anInterruptedEvaluationHandsOnItsFoldsAndTheNextTrainsOnlyTheRestToTheSameFitness() throws Exception {
        EvaluationRequest request = request(EvaluationKind.FITNESS, SMALL, 3, 1);
        EvaluationResult uninterrupted = evaluator.evaluate(request);

        // asked to stop from the start: the fold in progress is finished, then it pauses
        org.evocnn.model.message.Progress first = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.evocnn.training.GenomeEvaluator.Paused.class, () -> evaluator.evaluate(request, () -> true))
                .progress();
        assertThat(first.folds()).extracting(org.evocnn.model.message.Progress.Fold::fold).containsExactly(1);
        assertThat(first.folds().get(0).loss()).isEqualTo(uninterrupted.fitness().foldLosses().get(0));

        // the next evaluator continues: fold 2, asked to stop again; the third finishes
        EvaluationRequest second = request.withProgress(new org.evocnn.model.message.Progress(1, first.folds()));
        org.evocnn.model.message.Progress two = org.assertj.core.api.Assertions.catchThrowableOfType(
                org.evocnn.training.GenomeEvaluator.Paused.class, () -> evaluator.evaluate(second, () -> true))
                .progress();
        assertThat(two.folds()).extracting(org.evocnn.model.message.Progress.Fold::fold).containsExactly(1, 2);
        EvaluationResult last = evaluator.evaluate(request.withProgress(new org.evocnn.model.message.Progress(2,
                two.folds())), () -> true);
        assertThat(last.status()).isEqualTo(EvaluationStatus.OK);
        assertThat(last.fitness().foldLosses()).as("same split, same seeds: the same fitness")
                .isEqualTo(uninterrupted.fitness().foldLosses());
        assertThat(last.wallSeconds()).isLessThan(uninterrupted.wallSeconds());
    }

    @Test
    void finalTrainingScoresTheTestSet() {
        EvaluationResult result = evaluator.evaluate(request(EvaluationKind.FINAL, SMALL, 2, 2));

        assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(result.kind()).isEqualTo(EvaluationKind.FINAL);
        assertThat(result.fitness().foldLosses()).isEmpty();
        assertThat(result.fitness().accuracy()).isGreaterThan(0.5);
    }

    @Test
    void unbuildableGenomeIsInvalidAndNotTrained() {
        Genome collapsing = new Genome(List.of(new PoolBlock(3), new PoolBlock(3), new PoolBlock(3), new PoolBlock(3)),
                List.of(new DenseBlock(10, 0, RELU)));

        EvaluationResult result = evaluator.evaluate(request(EvaluationKind.FITNESS, collapsing, 3, 1));

        assertThat(result.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(result.error()).isEqualTo("conv[3]: pool 3x3 shrinks its 1x1 input below 1x1");
        assertThat(result.wallSeconds()).isZero();
    }

    /** Every field in range, 3.2 M parameters, but 5 GFLOP per sample and gigabytes of activations per batch. */
    static final Genome RESOURCE_HUNGRY = new Genome(List.of(new ConvBlock(4096, 28, RELU), new PoolBlock(28)),
            List.of(new DenseBlock(10, 0, RELU)));

    @Test
    void aGenomeOverTheFlopOrMemoryCapIsInvalidBeforeAnythingIsBuilt() {
        Dl4jEvaluator flops = new Dl4jEvaluator(Fixture.registry(), ResourceCaps.DEFAULTS, Duration.ofHours(1), WHO);
        EvaluationResult byFlops = flops.evaluate(request(EvaluationKind.FITNESS, RESOURCE_HUNGRY, 3, 1));

        assertThat(byFlops.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(byFlops.error()).isEqualTo("5,035,344,072 forward FLOPs per sample exceed the cap of 2,000,000,000");
        assertThat(byFlops.wallSeconds()).isZero();

        // at batch 32 the estimate is about 900 MiB
        Dl4jEvaluator memory = new Dl4jEvaluator(Fixture.registry(), new ResourceCaps(0, 0, 256L << 20),
                Duration.ofHours(1), WHO);
        EvaluationResult byMemory = memory.evaluate(request(EvaluationKind.FITNESS, RESOURCE_HUNGRY, 3, 1));
        assertThat(byMemory.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(byMemory.error()).startsWith("training needs about ").endsWith(" per batch of 32, over the cap of 256 MiB");
    }

    @Test
    void aGenomeTrainsWithItsOwnBatchSize() {
        // SMALL needs about 4 MiB per step at the task's batch of 32, about 25 MiB at 256
        Dl4jEvaluator capped = new Dl4jEvaluator(Fixture.registry(), new ResourceCaps(0, 0, 10L << 20),
                Duration.ofHours(1), WHO);

        EvaluationResult asTheTaskSays = capped.evaluate(request(EvaluationKind.FITNESS, SMALL, 2, 1));
        EvaluationResult asTheGenomeSays = capped.evaluate(request(EvaluationKind.FITNESS, SMALL.withTraining(
                new org.evocnn.model.genome.TrainingGenes(Optimizer.SGD, 0.05, 256)), 2, 1));

        assertThat(asTheTaskSays.status()).as(asTheTaskSays.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(asTheGenomeSays.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(asTheGenomeSays.error()).contains("per batch of 256, over the cap of 10 MiB");
    }

    @Test
    void anEvaluationPastItsTimeLimitStopsAndSaysHowFarItGot() {
        Dl4jEvaluator hurried = new Dl4jEvaluator(Fixture.registry(), ResourceCaps.DEFAULTS, Duration.ZERO, WHO);

        EvaluationResult result = hurried.evaluate(request(EvaluationKind.FITNESS, SMALL, 3, 1));

        assertThat(result.status()).isEqualTo(EvaluationStatus.FAILED);
        assertThat(result.error()).isEqualTo("time limit of 0 s exceeded in fold 1 of 3 (0 done) in epoch 1 of 1");
        EvaluationResult after = evaluator.evaluate(request(EvaluationKind.FITNESS, SMALL, 2, 1));
        assertThat(after.status()).as("the evaluator goes on").isEqualTo(EvaluationStatus.OK);
    }

    @Test
    void aTaskAsksForLessTimeThanTheEvaluatorAllows() {
        Deadline.forTask(5, Duration.ZERO, Duration.ofHours(1)).check("now");
        Deadline deadline = Deadline.forTask(5, Duration.ofHours(1), Duration.ZERO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deadline.check("at once"))
                .isInstanceOf(Deadline.Exceeded.class).hasMessage("time limit of 0 s exceeded at once");
    }

    @Test
    void aGenomeWhosePeakMayNotFitUnderTheMemoryBoundIsInvalidBeforeAnythingIsBuilt() {
        // caps lifted: only the bound stands between the 4,096-filter genome and gigabytes per batch
        MemoryBound bound = new MemoryBound(MemoryBound.residentBytes() + MemoryBound.uncommittedHeapBytes()
                + (2L << 30));
        Dl4jEvaluator bounded = new Dl4jEvaluator(Fixture.registry(), ResourceCaps.NONE, Duration.ofHours(1), WHO,
                bound, Deadline.DEFAULT_MIN_FLOPS_PER_SECOND);

        EvaluationResult refused = bounded.evaluate(request(EvaluationKind.FITNESS, RESOURCE_HUNGRY, 2, 1));

        assertThat(refused.status()).isEqualTo(EvaluationStatus.INVALID);
        long peakMiB = org.evocnn.model.analysis.NetworkAnalyzer.analyze(RESOURCE_HUNGRY,
                org.evocnn.model.analysis.InputShape.MNIST, 10).peakTrainingBytes(32, 1) >> 20;
        assertThat(refused.error()).startsWith(String.format(java.util.Locale.ROOT,
                        "training may need up to %,d MiB at batch 32, more than the ", peakMiB))
                .endsWith(String.format(java.util.Locale.ROOT, " MiB left under this evaluator's memory bound of "
                        + "%,d MiB", bound.bytes() >> 20));
        assertThat(refused.wallSeconds()).isZero();
        assertThat(bounded.evaluate(request(EvaluationKind.FITNESS, SMALL, 2, 1)).status())
                .as("a small genome fits").isEqualTo(EvaluationStatus.OK);
    }

    @Test
    void aTrainingWhoseProcessGrowsPastTheMemoryBoundStopsFailedAndTheEvaluatorGoesOn() {
        // the process' resident memory as read, plus what something else in it takes once the genome is admitted
        // (admission reads once; every later reading is a check between batches)
        java.util.concurrent.atomic.AtomicInteger readings = new java.util.concurrent.atomic.AtomicInteger();
        long limit = MemoryBound.residentBytes() + MemoryBound.uncommittedHeapBytes() + (3L << 30);
        long[] elsewhere = {0};
        MemoryBound bound = new MemoryBound(limit, () -> MemoryBound.residentBytes()
                + (readings.incrementAndGet() > 1 ? elsewhere[0] : 0));
        Dl4jEvaluator bounded = new Dl4jEvaluator(Fixture.registry(), ResourceCaps.NONE, Duration.ofHours(1), WHO,
                bound, Deadline.DEFAULT_MIN_FLOPS_PER_SECOND);
        EvaluationRequest request = request(EvaluationKind.FITNESS, SMALL, 2, 1);
        elsewhere[0] = limit;

        EvaluationResult stopped = bounded.evaluate(request);

        assertThat(stopped.status()).as(stopped.error()).isEqualTo(EvaluationStatus.FAILED);
        assertThat(stopped.error()).startsWith("memory bound reached in fold 1 of 2 (0 done) in epoch 1 of 1: resident ")
                .endsWith(String.format(java.util.Locale.ROOT, " MiB, bound %,d MiB", limit >> 20));
        assertThat(readings.get()).as("admission, then the first batch's check").isEqualTo(2);
        elsewhere[0] = 0;
        EvaluationResult after = bounded.evaluate(request);
        assertThat(after.status()).as("the evaluator goes on").isEqualTo(EvaluationStatus.OK);
        assertThat(after.fitness()).isEqualTo(evaluator.evaluate(request).fitness());
    }

    @Test
    void withoutATaskLimitAnEvaluationGetsAMinuteAndItsWorkAtTheSlowestSpeed() {
        // 1 MFLOP per sample, 1,000 samples trained (x3: forward and backward), 500 scored, at 1 GFLOP/s: 3.5 s
        assertThat(Deadline.forWork(1_000_000, 1_000, 500, 1e9)).isEqualTo(Duration.ofMillis(63_500));
        assertThat(Deadline.forWork(1_000_000, 1_000, 500, 1e8)).isEqualTo(Duration.ofSeconds(95));
    }

    @Test
    void aDerivedLimitPastTheEvaluatorsMaximumIsTheMaximum() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Deadline.forTask(0, Duration.ofHours(2),
                        Duration.ZERO).check("at once"))
                .isInstanceOf(Deadline.Exceeded.class).hasMessage("time limit of 0 s exceeded at once");
        Deadline.forTask(0, Duration.ofHours(2), Duration.ofHours(1)).check("within an hour");
    }

    @Test
    void genomeOverTheParameterCapIsInvalid() {
        Dl4jEvaluator capped = new Dl4jEvaluator(Fixture.registry(), new ResourceCaps(1_000_000, 0, 0),
                Duration.ofHours(1), WHO);
        EvaluationResult result = capped.evaluate(
                request(EvaluationKind.FITNESS, ReferenceNetwork.FASHION_EVOLVED.genome(), 3, 1));

        assertThat(result.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(result.error()).isEqualTo("1,714,219 trainable parameters exceed the cap of 1,000,000");
        assertThat(result.trainableParams()).isEqualTo(1_714_219L);
    }

    @Test
    void missingDataSetIsAFailedResultNamingIt() {
        EvaluationRequest request = new EvaluationRequest(EvaluationId.fitness("run", 2), SMALL,
                TrainingTask.paperFitness("fashion-mnist"));

        EvaluationResult result = evaluator.evaluate(request);

        assertThat(result.status()).isEqualTo(EvaluationStatus.FAILED);
        assertThat(result.error()).startsWith("data set: data set 'fashion-mnist' is missing");
    }
}
