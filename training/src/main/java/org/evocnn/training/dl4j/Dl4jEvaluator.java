package org.evocnn.training.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.training.data.Dataset;
import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.Inherited;
import org.evocnn.model.message.ModelRef;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.Progress;
import org.evocnn.model.message.TrainingTask;
import org.deeplearning4j.util.ModelSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.io.IOException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paper's fitness with DL4J: k-fold cross-validation on the (optionally subsetted, stratified) training set, a
 * fresh network per fold, mean validation loss and accuracy. Kind {@code final} trains once on the training set and
 * scores the test set. Before building, a genome is checked against the resource caps (answered {@code invalid},
 * naming the estimate and the cap); while training, against the time limit (answered {@code failed}, naming the
 * folds done); an allocation refused by ND4J's native memory bound is answered {@code failed} as well.
 */
public final class Dl4jEvaluator implements GenomeEvaluator {

    private static final System.Logger LOG = System.getLogger(Dl4jEvaluator.class.getName());

    private final DatasetRegistry datasets;
    private final ResourceCaps caps;
    private final Duration maxTime;
    private final EvaluatorInfo info;
    private final MemoryBound memory;
    private final double minFlopsPerSecond;
    private final ModelKeeper models;

    public Dl4jEvaluator(DatasetRegistry datasets, ResourceCaps caps, Duration maxTime, EvaluatorInfo info) {
        this(datasets, caps, maxTime, info, MemoryBound.NONE, Deadline.DEFAULT_MIN_FLOPS_PER_SECOND);
    }

    /**
     * @param memory            the bound on this process' resident memory: admission and a check before every batch
     * @param minFlopsPerSecond the speed a task's default time limit assumes ({@link Deadline#forWork})
     */
    public Dl4jEvaluator(DatasetRegistry datasets, ResourceCaps caps, Duration maxTime, EvaluatorInfo info,
                         MemoryBound memory, double minFlopsPerSecond) {
        this(datasets, caps, maxTime, info, memory, minFlopsPerSecond, null);
    }

    /** @param models where final trainings keep their trained networks for the reply; null: they are not kept */
    public Dl4jEvaluator(DatasetRegistry datasets, ResourceCaps caps, Duration maxTime, EvaluatorInfo info,
                         MemoryBound memory, double minFlopsPerSecond, ModelKeeper models) {
        Backend.init();
        this.datasets = datasets;
        this.caps = caps;
        this.maxTime = maxTime;
        this.info = info;
        this.memory = memory;
        this.minFlopsPerSecond = minFlopsPerSecond;
        this.models = models;
    }

    @Override
    public EvaluationResult evaluate(EvaluationRequest request, Interruption interruption) throws Paused {
        long start = System.nanoTime();
        try {
            Dataset data = datasets.get(request.task().dataset());
            Architecture arch = NetworkAnalyzer.analyze(request.genome(), data.inputShape(), data.classes());
            TrainingTask task = trained(request);
            Optional<String> rejection = caps.rejection(arch, task.batchSize(), task.optimizer().stateCopies())
                    .or(() -> EvaluationLimits.overBound(memory, arch, task));
            if (rejection.isPresent()) {
                return EvaluationResult.invalid(request.id(), rejection.get(), arch.valid() ? arch.trainableParams() : null,
                        info);
            }
            Deadline deadline = Deadline.forTask(request.task().timeLimitSeconds(), EvaluationLimits.derived(request, task, data, arch, minFlopsPerSecond),
                    maxTime).within(memory);
            if (request.kind() == EvaluationKind.FINAL) {
                return finalTraining(request, data, arch, deadline, start);
            }
            if (request.inherit() != null) {
                return inheriting(request, data, arch, deadline, start);
            }
            List<List<Double>> curves = request.stopping() == null ? null : new ArrayList<>();
            try {
                Fitness fitness = crossValidate(request, data, arch, deadline, curves, interruption);
                return EvaluationResult.ok(request.id(), fitness, arch.trainableParams(), seconds(start), info)
                        .withEpochLosses(curves);
            } catch (Stopped stopped) {
                return EvaluationResult.stopped(request.id(), stopped.getMessage(), arch.trainableParams(),
                        seconds(start), info, curves);
            }
        } catch (DatasetException e) {
            return EvaluationResult.failed(request.id(), "data set: " + e.getMessage(), seconds(start), info);
        } catch (Deadline.Exceeded | MemoryBound.Exceeded e) {
            return EvaluationResult.failed(request.id(), e.getMessage(), seconds(start), info);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "evaluation " + request.evaluationId() + " failed", e);
            Optional<OutOfMemoryError> memory = outOfMemory(e);
            return EvaluationResult.failed(request.id(), memory.isPresent()
                    ? "memory bound reached: " + memory.get().getMessage() : "training failed: " + e, seconds(start), info);
        }
    }

    /** The task as the genome trains with it: its own optimizer, learning rate and batch size, when it has them. */
    private static TrainingTask trained(EvaluationRequest request) {
        return request.task().trainedWith(request.genome().training());
    }

    /** The median stopping rule stopped a fold; the message says where. */
    private static final class Stopped extends Exception {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * k-fold cross-validation. With a stopping rule in the request, every fold is scored after each epoch (its curve
     * goes to {@code curves}) and stops, ending the evaluation, when its best loss so far is above the threshold.
     */
    private Fitness crossValidate(EvaluationRequest request, Dataset data, Architecture arch, Deadline deadline,
                                  List<List<Double>> curves, Interruption interruption) throws Stopped, Paused {
        TrainingTask task = trained(request);
        int[] samples = Folds.subset(data.train(), task.trainingSubset(), task.seed());
        List<Double> losses = new ArrayList<>(task.folds());
        List<Double> accuracies = new ArrayList<>(task.folds());
        List<Progress.Fold> done = new ArrayList<>();
        int f = 0;
        for (Folds.Fold fold : Folds.kFold(samples, task.folds())) {
            f++;
            Optional<Progress.Fold> earlier = request.progress() == null ? Optional.empty()
                    : request.progress().fold(f);
            if (earlier.isPresent()) { // trained before an interruption: same split, same seed, same score
                done.add(earlier.get());
                losses.add(earlier.get().loss());
                accuracies.add(earlier.get().accuracy());
                if (curves != null && earlier.get().epochLosses() != null) {
                    curves.add(new ArrayList<>(earlier.get().epochLosses()));
                }
                continue;
            }
            if (!done.isEmpty() && done.size() > (request.progress() == null ? 0 : request.progress().folds().size())
                    && interruption.requested()) {
                throw new Paused(new Progress(request.progress() == null ? 0 : request.progress().interruptions(),
                        done));
            }
            MultiLayerNetwork network = build(request, data, arch);
            try {
                String doing = "in fold " + f + " of " + task.folds() + " (" + (f - 1) + " done)";
                Trainer.Score score;
                if (curves == null) {
                    Trainer.fit(network, data.train(), fold.train(), task.epochs(), task.batchSize(),
                            task.seed() + 31L * f, deadline, doing);
                    score = Trainer.score(network, data.train(), fold.validation(), task.batchSize());
                } else {
                    List<Double> curve = new ArrayList<>();
                    curves.add(curve);
                    Trainer.Score[] last = new Trainer.Score[1];
                    boolean complete = Trainer.fit(network, data.train(), fold.train(), task.epochs(), task.batchSize(),
                            task.seed() + 31L * f, deadline, doing, epoch -> {
                                last[0] = Trainer.score(network, data.train(), fold.validation(), task.batchSize());
                                curve.add(last[0].loss());
                                return !request.stopping().stops(epoch, best(curve));
                            });
                    if (!complete) {
                        throw new Stopped(String.format(java.util.Locale.ROOT, "median stopping rule: fold %d of %d "
                                        + "after epoch %d, best loss %.4f above the median %.4f", f, task.folds(),
                                curve.size(), best(curve), request.stopping().after(curve.size())));
                    }
                    score = last[0];
                }
                losses.add(score.loss());
                accuracies.add(score.accuracy());
                done.add(new Progress.Fold(f, score.loss(), score.accuracy(),
                        curves == null ? null : curves.get(curves.size() - 1)));
            } finally {
                network.close();
            }
        }
        return Fitness.ofFolds(losses, accuracies);
    }

    /** Trains on the training set, scores on the test set, and keeps the trained network when models are kept. */
    private EvaluationResult finalTraining(EvaluationRequest request, Dataset data, Architecture arch,
                                           Deadline deadline, long start) {
        TrainingTask task = trained(request);
        int[] samples = Folds.subset(data.train(), task.trainingSubset(), task.seed());
        MultiLayerNetwork network = build(request, data, arch);
        try {
            // trained on from a population member's weights when the request brings them
            Inherited inherited = request.inherit() == null ? null : inherit(request, network, task.epochs());
            Trainer.fit(network, data.train(), samples, task.epochs(), task.batchSize(), task.seed(), deadline,
                    "in the final training");
            // scored at the training batch, so inference stays under the training's peak, which admission bounded
            Trainer.Score score = Trainer.score(network, data.test(), Folds.identity(data.test().size()),
                    task.batchSize());
            Fitness test = Fitness.ofTest(score.loss(), score.accuracy());
            EvaluationResult result = EvaluationResult.ok(request.id(), test, arch.trainableParams(), seconds(start),
                    info).withInherited(inherited);
            return models == null ? result : keep(request, data, network, result);
        } finally {
            network.close();
        }
    }

    /**
     * A fitness evaluation with weight inheritance: the network starts from its parents' trained weights where its
     * layer sources say so, trains on the training part of the task's fixed holdout split (the first of its k folds
     * validates: the same images for every evaluation of the run, so inherited weights never saw them), and is kept to
     * go back with the result.
     */
    private EvaluationResult inheriting(EvaluationRequest request, Dataset data, Architecture arch, Deadline deadline,
                                        long start) {
        TrainingTask task = trained(request);
        int[] samples = Folds.subset(data.train(), task.trainingSubset(), task.seed());
        Folds.Fold holdout = Folds.kFold(samples, task.folds()).get(0);
        MultiLayerNetwork network = build(request, data, arch);
        try {
            Inherited inherited = inherit(request, network, task.epochs());
            Trainer.fit(network, data.train(), holdout.train(), task.epochs(), task.batchSize(), task.seed() + 31L,
                    deadline, "in the holdout training");
            Trainer.Score score = Trainer.score(network, data.train(), holdout.validation(), task.batchSize());
            Fitness fitness = Fitness.ofFolds(List.of(score.loss()), List.of(score.accuracy()));
            EvaluationResult result = EvaluationResult.ok(request.id(), fitness, arch.trainableParams(),
                    seconds(start), info).withInherited(inherited);
            return models == null ? result.withModel(ModelRef.notKept("this evaluator keeps no networks "
                    + "(evocnn.evaluator.keep-models=false)")) : keep(request, data, network, result);
        } finally {
            network.close();
        }
    }

    /** The result with the trained network kept beside it (its manifest names the result's fitness). */
    private EvaluationResult keep(EvaluationRequest request, Dataset data, MultiLayerNetwork network,
                                  EvaluationResult result) {
        List<String> classNames = datasets.classNames(data.id());
        return result.withModel(models.keep(request.id(), network, (id, sha256, bytes) -> ModelManifest.of(
                data.id(), data.inputShape(), classNames, request.genome(), result.fitness(), id, sha256, bytes)));
    }

    /**
     * Copies the parents' weights the request's layer sources name into a fresh network. A parent whose weights did
     * not come, or do not load, is named in the answer's error; its layers keep their initialisation.
     */
    private Inherited inherit(EvaluationRequest request, MultiLayerNetwork network, int epochs) {
        Inherit inherit = request.inherit();
        List<String> errors = new ArrayList<>();
        if (inherit.missingNote() != null) {
            errors.add(inherit.missingNote());
        }
        Map<Long, MultiLayerNetwork> parents = new HashMap<>();
        try {
            for (Inherit.Parent parent : inherit.travelling()) {
                Path file = models == null ? null : models.parentFile(request.id(), parent.sequence());
                if (file == null || !Files.isRegularFile(file)) {
                    errors.add("parent " + parent.sequence() + ": its weights did not arrive (its layers trained from "
                            + "scratch)");
                    continue;
                }
                try {
                    parents.put(parent.sequence(), ModelSerializer
                            .restoreMultiLayerNetwork(file.toFile(), false));
                } catch (IOException | RuntimeException e) {
                    errors.add("parent " + parent.sequence() + ": its weights do not load (" + e.getMessage()
                            + "; its layers trained from scratch)");
                }
            }
            WeightInheritance.Inherited taken = inherit.layers().isEmpty() ? WeightInheritance.Inherited.NONE
                    : WeightInheritance.inherit(network, inherit.layers(), parents::get);
            int lineage = taken.from().stream().mapToInt(p -> inherit.parent(p).map(Inherit.Parent::lineageEpochs)
                    .orElse(0)).max().orElse(0);
            return new Inherited(taken.layers(), taken.params(), lineage + epochs,
                    errors.isEmpty() ? null : String.join("; ", errors));
        } finally {
            parents.values().forEach(MultiLayerNetwork::close);
        }
    }

    private static MultiLayerNetwork build(EvaluationRequest request, Dataset data, Architecture arch) {
        MultiLayerNetwork network = NetworkFactory.build(request.genome(), request.task(), data.inputShape(), data.classes());
        if (network.numParams() != arch.trainableParams()) {
            network.close();
            throw new IllegalStateException("DL4J built " + network.numParams() + " parameters, the analysis counts "
                    + arch.trainableParams());
        }
        return network;
    }

    /** The out-of-memory error behind a failure (ND4J wraps JavaCPP's refusal in its own exceptions), if any. */
    private static Optional<OutOfMemoryError> outOfMemory(Throwable e) {
        OutOfMemoryError found = null;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                found = oom; // the innermost one names the bound
            }
        }
        return Optional.ofNullable(found);
    }

    private static double best(List<Double> losses) {
        return losses.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
