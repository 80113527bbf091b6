package org.evocnn.training.dl4j;

import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.LayerSource;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.data.Fixture;
import org.evocnn.training.export.KeptModels;
import org.evocnn.training.export.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fitness evaluations with weight inheritance on the fixture, real DL4J: one holdout split, the trained network kept
 * for the reply, a child starting from its parent's weights where the request's layer sources say, and a parent whose
 * weights are missing named in the result, the child trained from scratch, never lost.
 */
class InheritingEvaluationTest {

    private static final EvaluatorInfo WHO = new EvaluatorInfo("test", "cpu", "test");
    private static final TrainingTask TASK = new TrainingTask("mnist", 3, 1, 32, Optimizer.ADAM, 0.002, 0, 5);
    private static final Genome PARENT = new Genome(List.of(new ConvBlock(8, 3, Activation.RELU), new PoolBlock(2)),
            List.of(new DenseBlock(32, 0, Activation.RELU)));
    /** The parent with its dense layer resized: conv and pool whole, dense and output in part. */
    private static final Genome CHILD = new Genome(PARENT.convPart(), List.of(new DenseBlock(48, 0, Activation.RELU)));
    private static final List<LayerSource> FROM_PARENT = IntStream.range(0, 4).mapToObj(i -> new LayerSource(1, i))
            .toList();

    @TempDir
    Path dir;

    @Test
    void aChildStartsFromItsParentsTrainedWeightsAndValidatesOnTheHoldout() throws Exception {
        KeptModels kept = new KeptModels(dir, Long.MAX_VALUE);
        Dl4jEvaluator evaluator = new Dl4jEvaluator(Fixture.registry(), ResourceCaps.NONE, Duration.ofHours(1), WHO,
                MemoryBound.NONE, Deadline.DEFAULT_MIN_FLOPS_PER_SECOND, kept);
        EvaluationId parentId = EvaluationId.fitness("run", 1);
        EvaluationResult parent = evaluator.evaluate(new EvaluationRequest(parentId, PARENT, TASK)
                .withInherit(Inherit.NOTHING));
        assertThat(parent.status()).as(parent.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(parent.fitness().foldLosses()).as("one holdout split, not 3 folds").hasSize(1);
        assertThat(parent.inherited().params()).isZero();
        assertThat(parent.inherited().lineageEpochs()).isEqualTo(1);
        assertThat(parent.model().isKept()).isTrue();
        assertThat(ModelFiles.sha256(kept.zip(parentId))).isEqualTo(parent.model().sha256());

        // the child, from scratch and from its parent's weights (as the consumer leaves them for it)
        EvaluationId childId = EvaluationId.fitness("run", 2);
        EvaluationResult scratch = evaluator.evaluate(new EvaluationRequest(childId, CHILD, TASK)
                .withInherit(Inherit.NOTHING));
        Files.copy(kept.zip(parentId), kept.parentFile(childId, 1));
        Inherit fromParent = new Inherit(List.of(Inherit.Parent.sent(1, parent.model(), 1)), FROM_PARENT);
        EvaluationResult child = evaluator.evaluate(new EvaluationRequest(childId, CHILD, TASK)
                .withInherit(fromParent));
        assertThat(child.status()).as(child.error()).isEqualTo(EvaluationStatus.OK);
        assertThat(child.inherited().error()).isNull();
        assertThat(child.inherited().layers()).as("conv, dense (in part) and output (in part)").isEqualTo(3);
        // conv 8x9+8, dense the parent's 32 units of 1,568 inputs + biases, output the weights of those 32 inputs
        assertThat(child.inherited().params()).isEqualTo(80 + (1568L * 32 + 32) + (32L * 10 + 10));
        assertThat(child.inherited().lineageEpochs()).as("the parent's epoch and its own").isEqualTo(2);
        assertThat(child.fitness().loss()).as("training accumulated along the lineage")
                .isLessThan(scratch.fitness().loss());

        // a parent marked missing by the service, and one whose weights did not arrive: from scratch, said so
        EvaluationResult missing = evaluator.evaluate(new EvaluationRequest(EvaluationId.fitness("run", 3), CHILD,
                TASK).withInherit(fromParent.withMissing(1, "its weights file is missing")));
        assertThat(missing.status()).isEqualTo(EvaluationStatus.OK);
        assertThat(missing.inherited().params()).isZero();
        assertThat(missing.inherited().lineageEpochs()).isEqualTo(1);
        assertThat(missing.inherited().error()).isEqualTo("parent 1: its weights file is missing (its layers trained "
                + "from scratch)");
        assertThat(missing.fitness().loss()).isEqualTo(scratch.fitness().loss());
        EvaluationResult notArrived = evaluator.evaluate(new EvaluationRequest(EvaluationId.fitness("run", 4), CHILD,
                TASK).withInherit(fromParent));
        assertThat(notArrived.status()).isEqualTo(EvaluationStatus.OK);
        assertThat(notArrived.inherited().error()).startsWith("parent 1: its weights did not arrive");
        assertThat(notArrived.model().isKept()).isTrue();
    }
}
