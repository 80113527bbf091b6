package org.evocnn.spec;

import org.evocnn.engine.fidelity.MedianStoppingRule;
import org.evocnn.engine.fidelity.Rung;
import org.evocnn.engine.space.SearchSpace;
import org.evocnn.engine.space.TrainingSpace;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.engine.process.EvolutionConfig;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.message.TrainingTask;

import java.util.List;
import java.util.Locale;

/**
 * Everything a run needs: the training task every evaluation carries and the engine's configuration, whose input
 * shape and class count are always those of the task's data set, and whose batch size and optimizer state (for the
 * memory estimate of offspring) those of the task; with successive halving, the lower rungs' fidelities; the median
 * stopping rule when on (null: off); the {@link Presets preset} its JSON started from. Its JSON form is
 * {@link RunSpecJson}'s.
 */
public record RunSpec(TrainingTask task, EvolutionConfig evolution, MedianStoppingRule stopping, String preset) {

    public RunSpec(TrainingTask task, EvolutionConfig evolution) {
        this(task, evolution, null);
    }

    /** A spec built in code: it starts from the paper's settings. */
    public RunSpec(TrainingTask task, EvolutionConfig evolution, MedianStoppingRule stopping) {
        this(task, evolution, stopping, Presets.PAPER);
    }

    public RunSpec {
        FieldException.required("preset", preset);
        FieldException.required("task", task);
        FieldException.required("evolution", evolution);
        DatasetInfo data = dataset(task);
        if (!data.input().equals(evolution.input()) || data.classes() != evolution.classes()) {
            throw new FieldException("evolution.input", evolution.input() + " with " + evolution.classes()
                    + " classes differs from data set " + data.id() + " (" + data.input() + ", " + data.classes()
                    + " classes)");
        }
        int side = Math.min(data.input().height(), data.input().width());
        checkFits("kernelSize", evolution.searchSpace().kernelSize().max(), side, data);
        checkFits("poolSize", evolution.searchSpace().poolSize().max(), side, data);
        if (evolution.inheritance() && stopping != null) {
            throw new FieldException("earlyStopping", "the median stopping rule is not combined with weight "
                    + "inheritance: its thresholds compare k-fold curves, inheritance validates on one holdout split");
        }
        if (evolution.batchSize() != task.batchSize()
                || evolution.optimizerStateCopies() != task.optimizer().stateCopies()) {
            throw new FieldException("evolution", "its training settings differ from the task's");
        }
    }

    /** The search space's kernels and pools must fit the data set's images (a user's may be small). */
    private static void checkFits(String range, int max, int side, DatasetInfo data) {
        if (max > side) {
            throw new FieldException("searchSpace." + range + ".max", max + " exceeds the " + side
                    + "-pixel side of " + data.id() + "'s " + data.input() + " images");
        }
    }

    /** A spec whose engine configuration takes its input shape and classes from the task's data set. */
    public static RunSpec of(TrainingTask task, EvolutionConfig.Builder evolution) {
        return of(task, evolution, null);
    }

    /** Likewise, with the median stopping rule (null: off). */
    public static RunSpec of(TrainingTask task, EvolutionConfig.Builder evolution, MedianStoppingRule stopping) {
        DatasetInfo data = dataset(task);
        return new RunSpec(task, evolution.input(data.input(), data.classes())
                .training(task.batchSize(), task.optimizer().stateCopies()).build(), stopping);
    }

    /**
     * A rung as requests, results and the journal carry it: the rung itself with successive halving, null without
     * (messages and journals of runs without it stay as they were).
     */
    public Integer rungLabel(int rung) {
        return evolution.fidelity().enabled() ? rung : null;
    }

    /** The rungs below the task's own (successive halving; none without). */
    public List<Rung> rungs() {
        return evolution.fidelity().lower();
    }

    /** The task of an evaluation at a rung: the task itself at the top rung (always, without successive halving). */
    public TrainingTask taskAt(int rung) {
        if (rung >= rungs().size()) {
            return task;
        }
        Rung r = rungs().get(rung);
        return task.atFidelity(r.trainingSubset(), r.epochs(), r.folds());
    }

    /** This spec, read from a document that started from {@code name}. */
    public RunSpec withPreset(String name) {
        return new RunSpec(task, evolution, stopping, name);
    }

    /** The paper's setting on MNIST with the engine's defaults. */
    public static RunSpec defaults() {
        return of(TrainingTask.paperFitness(DatasetCatalog.MNIST.id()), EvolutionConfig.builder());
    }

    /**
     * Checks what only the data set decides: a subset no larger than the training set, and enough images for every
     * fold to hold each class (subset, or the whole training set, at least folds x classes).
     *
     * @throws FieldException naming the task's field
     */
    public void checkFeasible() {
        checkFeasible(task, "task");
        for (int r = 0; r < rungs().size(); r++) {
            checkFeasible(taskAt(r), "evolution.fidelity.rungs[" + r + "]");
        }
        checkSmallestFits();
    }

    /**
     * The search space's smallest network (one block per part at the ranges' minima, none where a part may be empty)
     * must fit the caps at the smallest batch the run trains with: if it does not, no genome can, and every
     * evaluation would come back invalid.
     *
     * @throws FieldException naming the cap, or {@code task.batchSize} for the training-memory cap
     */
    private void checkSmallestFits() {
        SearchSpace space = evolution.searchSpace();
        List<ConvPartBlock> conv = space.allowEmptyConvPart() ? List.of()
                : List.of(new ConvBlock(space.filters().min(), space.kernelSize().min(), Activation.LINEAR));
        List<DenseBlock> dense = space.initialDenseBlocks().min() == 0 ? List.of()
                : List.of(new DenseBlock(space.denseSize().min(), 0, Activation.LINEAR));
        Architecture smallest = NetworkAnalyzer.analyze(new Genome(conv, dense), evolution.input(),
                evolution.classes());
        TrainingSpace genes = space.training();
        int batch = genes == null ? task.batchSize() : genes.batchSizes().stream().min(Integer::compare).orElseThrow();
        int copies = genes == null ? task.optimizer().stateCopies()
                : genes.optimizers().stream().mapToInt(Optimizer::stateCopies).min().orElseThrow();
        ResourceCaps caps = space.caps();
        if (caps.maxParams() > 0 && smallest.trainableParams() > caps.maxParams()) {
            throw new FieldException("evolution.searchSpace.maxParams", String.format(Locale.ROOT,
                    "the search space's smallest network has %,d trainable parameters on %s images, over this cap "
                            + "of %,d: no genome could be trained", smallest.trainableParams(), evolution.input(),
                    caps.maxParams()));
        }
        if (caps.maxFlopsPerSample() > 0 && smallest.flopsPerSample() > caps.maxFlopsPerSample()) {
            throw new FieldException("evolution.searchSpace.maxFlops", String.format(Locale.ROOT,
                    "the search space's smallest network needs %,d FLOPs per %s image, over this cap of %,d: no "
                            + "genome could be trained", smallest.flopsPerSample(), evolution.input(),
                    caps.maxFlopsPerSample()));
        }
        long bytes = smallest.trainingBytes(batch, copies);
        if (caps.maxTrainingBytes() > 0 && bytes > caps.maxTrainingBytes()) {
            throw new FieldException(genes == null ? "task.batchSize" : "evolution.searchSpace.training.batchSizes",
                    String.format(Locale.ROOT, "a batch of %,d needs about %,d MiB to train even the search space's "
                            + "smallest network, over evolution.searchSpace.maxTrainingBytes (%,d MiB): no genome "
                            + "could be trained", batch, bytes >> 20, caps.maxTrainingBytes() >> 20));
        }
    }

    private static void checkFeasible(TrainingTask task, String field) {
        DatasetInfo data = dataset(task);
        if (task.trainingSubset() > data.trainSize()) {
            throw new FieldException(field + ".trainingSubset", String.format(java.util.Locale.ROOT,
                    "%,d exceeds the %,d training images of %s", task.trainingSubset(), data.trainSize(), data.id()));
        }
        int samples = task.trainingSubset() > 0 ? task.trainingSubset() : data.trainSize();
        long needed = (long) task.folds() * data.classes();
        if (samples < needed) {
            throw new FieldException(field + ".folds", task.folds() + " folds of " + samples + " images leave folds "
                    + "without some of the " + data.classes() + " classes of " + data.id() + ": give trainingSubset >= "
                    + needed + " (folds x classes) or fewer folds");
        }
    }

    /** The catalog's entry for the task's data set. @throws FieldException naming {@code task.dataset} */
    public static DatasetInfo dataset(TrainingTask task) {
        try {
            return DatasetCatalog.get(task.dataset());
        } catch (FieldException e) {
            throw new FieldException("task.dataset", e.problem());
        }
    }
}
