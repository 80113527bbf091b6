package org.evocnn.training;

import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.training.simulation.SimulatedEvaluator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.evocnn.model.genome.Activation.RELU;

/**
 * What every evaluator promises the service, the real one and the simulated one alike: the answer carries the
 * request's ids; a fitness result has a loss per fold and their mean; a genome its caps refuse is invalid, saying why;
 * an unknown data set is a failure, not a crash; a stop between folds hands the folds done on.
 */
class GenomeEvaluatorContractTest {

    private static final EvaluatorInfo WHO = new EvaluatorInfo("contract", "any", "any");
    private static final ResourceCaps CAPS = new ResourceCaps(500_000, 0, 0);
    private static final Genome SMALL = new Genome(List.of(new ConvBlock(6, 3, RELU), new PoolBlock(2)),
            List.of(new DenseBlock(16, 0.0, RELU)));
    /** Over the 500,000-parameter cap: 28 x 28 x 64 values into 1,000 units. */
    private static final Genome HUGE = new Genome(List.of(new ConvBlock(64, 3, RELU)),
            List.of(new DenseBlock(1_000, 0.0, RELU)));

    static Stream<GenomeEvaluator> evaluators() {
        return Stream.of(new Dl4jEvaluator(Fixture.registry(), CAPS, Duration.ofMinutes(10), WHO),
                new SimulatedEvaluator(0.0, 0.01, CAPS, WHO, ms -> { }));
    }

    private static EvaluationRequest request(Genome genome, String dataset) {
        return new EvaluationRequest(EvaluationId.fitness("contract", 5), genome,
                new TrainingTask(dataset, 2, 1, 32, Optimizer.RMSPROP, 0.001, 0, 3));
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void aFitnessResultHasTheRequestsIdsAndALossPerFold(GenomeEvaluator evaluator) {
        EvaluationResult result = evaluator.evaluate(request(SMALL, "mnist"));

        assertThat(result.status()).as(result.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(result.id()).isEqualTo(EvaluationId.fitness("contract", 5));
        assertThat(result.fitness().foldLosses()).hasSize(2);
        assertThat(result.fitness().loss()).isCloseTo(result.fitness().foldLosses().stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.fitness().accuracy()).isBetween(0.0, 1.0);
        assertThat(result.trainableParams()).isEqualTo(6L * 9 + 6 + 14 * 14 * 6 * 16 + 16 + 170);
        assertThat(result.evaluator()).isEqualTo(WHO);
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void aGenomeOverTheCapsIsInvalidAndSaysWhy(GenomeEvaluator evaluator) {
        EvaluationResult result = evaluator.evaluate(request(HUGE, "mnist"));
        assertThat(result.status()).isEqualTo(EvaluationStatus.INVALID);
        assertThat(result.error()).contains("parameters");
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void anUnknownDataSetIsAFailureThatSaysSo(GenomeEvaluator evaluator) {
        EvaluationResult result = evaluator.evaluate(request(SMALL, "no-such-set"));
        assertThat(result.status()).isEqualTo(EvaluationStatus.FAILED);
        assertThat(result.error()).contains("no-such-set");
    }

    @ParameterizedTest
    @MethodSource("evaluators")
    void aStopBetweenFoldsHandsTheFoldsDoneOn(GenomeEvaluator evaluator) {
        GenomeEvaluator.Paused paused = catchThrowableOfType(GenomeEvaluator.Paused.class,
                () -> evaluator.evaluate(request(SMALL, "mnist"), () -> true));
        assertThat(paused).isNotNull();
        assertThat(paused.progress().folds()).hasSize(1);
    }
}
