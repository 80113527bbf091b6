package org.evocnn.training.simulation;

import org.evocnn.training.GenomeEvaluator;
import org.evocnn.training.data.DatasetException;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * An evaluator without DL4J, for benchmarks of the orchestration and fast end-to-end runs. Its cost is
 * {@code secondsPerMflop} x the genome's forward MFLOPs (slept, unless the scale is 0); its fitness is a smooth
 * function of the architecture (best near {@value #BEST_PARAMS} parameters with at least two convolutions) plus
 * Gaussian noise seeded by the task seed and architecture hash, so the same request always gets the same answer.
 */
public final class SimulatedEvaluator implements GenomeEvaluator {

    private static final System.Logger LOG = System.getLogger(SimulatedEvaluator.class.getName());

    static final double BEST_PARAMS = 250_000;

    /** What the simulated loss depends on. */
    public enum FitnessModel {
        /** Smooth in the architecture (parameters, convolutions) plus noise: a search has something to climb. */
        ARCHITECTURE,
        /**
         * Noise around one level: no architecture is better than another, so both modes of a run sample genomes
         * alike and a comparison of them measures only the orchestration.
         */
        NOISE
    }

    /** How the simulated cost is spent; tests and benchmarks may replace sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final double secondsPerMflop;
    private final FitnessModel model;
    private final double noise;
    private final ResourceCaps caps;
    private final EvaluatorInfo info;
    private final Sleeper sleeper;

    public SimulatedEvaluator(double secondsPerMflop, double noise, ResourceCaps caps, EvaluatorInfo info,
                              Sleeper sleeper) {
        this(secondsPerMflop, FitnessModel.ARCHITECTURE, noise, caps, info, sleeper);
    }

    public SimulatedEvaluator(double secondsPerMflop, FitnessModel model, double noise, ResourceCaps caps,
                              EvaluatorInfo info, Sleeper sleeper) {
        this.secondsPerMflop = secondsPerMflop;
        this.model = model;
        this.noise = noise;
        this.caps = caps;
        this.info = info;
        this.sleeper = sleeper;
    }

    @Override
    public EvaluationResult evaluate(EvaluationRequest request, Interruption interruption) throws Paused {
        DatasetInfo dataset;
        try {
            dataset = DatasetRegistry.info(request.task().dataset());
        } catch (DatasetException e) { // answered as the DL4J evaluator answers it
            return EvaluationResult.failed(request.id(), "data set: " + e.getMessage(), 0, info);
        }
        Architecture arch = NetworkAnalyzer.analyze(request.genome(), dataset.input(), dataset.classes());
        var task = request.task().trainedWith(request.genome().training());
        Optional<String> rejection = caps.rejection(arch, task.batchSize(), task.optimizer().stateCopies());
        if (rejection.isPresent()) {
            return EvaluationResult.invalid(request.id(), rejection.get(), arch.valid() ? arch.trainableParams() : null,
                    info);
        }
        Fitness fitness = fitness(request, arch);
        double seconds = costSeconds(arch);
        if (request.kind() == EvaluationKind.FITNESS && request.stopping() == null) {
            return foldByFold(request, arch, fitness, seconds, interruption);
        }
        Curves curves = request.stopping() == null || request.kind() != EvaluationKind.FITNESS ? null
                : curves(request, fitness);
        if (curves != null) {
            seconds *= curves.share();
        }
        if (seconds > 0) {
            try {
                sleeper.sleep(Math.round(seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EvaluationResult.failed(request.id(), "interrupted", 0, info);
            }
        }
        if (curves == null) {
            return EvaluationResult.ok(request.id(), fitness, arch.trainableParams(), seconds, info);
        }
        return curves.stoppedIn() > 0
                ? EvaluationResult.stopped(request.id(), "median stopping rule: fold " + curves.stoppedIn() + " of "
                        + request.task().folds() + " (simulated)", arch.trainableParams(), seconds, info, curves.losses())
                : EvaluationResult.ok(request.id(), fitness, arch.trainableParams(), seconds, info)
                        .withEpochLosses(curves.losses());
    }

    /**
     * A fitness evaluation fold by fold, each taking its share of the cost: folds the request's progress has are not
     * trained again, and an interruption stops it after a fold it trained.
     */
    private EvaluationResult foldByFold(EvaluationRequest request, Architecture arch, Fitness fitness, double seconds,
                                        Interruption interruption) throws Paused {
        int folds = fitness.foldLosses().size();
        List<Progress.Fold> done = new ArrayList<>();
        List<Double> losses = new ArrayList<>(fitness.foldLosses());
        List<Double> accuracies = new ArrayList<>(fitness.foldAccuracies());
        int trained = 0;
        for (int f = 1; f <= folds; f++) {
            Optional<Progress.Fold> earlier = request.progress() == null ? Optional.empty()
                    : request.progress().fold(f);
            if (earlier.isPresent()) {
                done.add(earlier.get());
                losses.set(f - 1, earlier.get().loss());
                accuracies.set(f - 1, earlier.get().accuracy());
                continue;
            }
            if (trained > 0 && interruption.requested()) {
                throw new Paused(new Progress(request.progress() == null ? 0 : request.progress().interruptions(),
                        done));
            }
            try {
                sleeper.sleep(Math.round(seconds / folds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EvaluationResult.failed(request.id(), "interrupted", 0, info);
            }
            trained++;
            done.add(new Progress.Fold(f, losses.get(f - 1), accuracies.get(f - 1), null));
            LOG.log(System.Logger.Level.INFO, "evaluation {0}: fold {1} of {2} trained", request.evaluationId(), f,
                    folds);
        }
        return EvaluationResult.ok(request.id(), Fitness.ofFolds(losses, accuracies), arch.trainableParams(),
                seconds * trained / folds, info);
    }

    /** Simulated learning curves, the fold where the stopping rule stopped (0: none) and the share of work done. */
    record Curves(List<List<Double>> losses, int stoppedIn, double share) {
    }

    /**
     * Each fold's loss falls linearly to its fitness loss from 1.5 times that after the first epoch; the request's
     * stopping rule is applied after every epoch, as the DL4J evaluator does.
     */
    static Curves curves(EvaluationRequest request, Fitness fitness) {
        int epochs = request.task().epochs();
        int folds = fitness.foldLosses().size();
        List<List<Double>> losses = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            double end = fitness.foldLosses().get(f);
            List<Double> curve = new ArrayList<>();
            losses.add(curve);
            for (int e = 1; e <= epochs; e++) {
                curve.add(end * (1 + 0.5 * (epochs - e) / Math.max(1, epochs - 1)));
                if (request.stopping().stops(e, curve.get(curve.size() - 1))) { // the curve only falls
                    return new Curves(losses, f + 1, (f * epochs + e) / (double) (folds * epochs));
                }
            }
        }
        return new Curves(losses, 0, 1);
    }

    /** The simulated evaluation time. */
    public double costSeconds(Architecture arch) {
        return secondsPerMflop * arch.flopsPerSample() / 1e6;
    }

    Fitness fitness(EvaluationRequest request, Architecture arch) {
        long convolutions = request.genome().convPart().stream().filter(ConvBlock.class::isInstance).count();
        double base = model == FitnessModel.NOISE ? 0.1
                : 0.05 + 0.08 * Math.abs(Math.log10(arch.trainableParams() / BEST_PARAMS))
                        + 0.02 * Math.max(0, 2 - convolutions);
        SplittableRandom rng = new SplittableRandom(request.task().seed()
                ^ Long.parseUnsignedLong(request.genome().architectureHash(), 16));
        int folds = request.kind() == EvaluationKind.FITNESS ? request.task().folds() : 1;
        List<Double> losses = new ArrayList<>(folds);
        List<Double> accuracies = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            double loss = Math.max(0.001, base + noise * rng.nextGaussian());
            losses.add(loss);
            accuracies.add(Math.max(0, Math.min(1, 1 - 0.35 * loss)));
        }
        return folds == 1 && request.kind() != EvaluationKind.FITNESS
                ? Fitness.ofTest(losses.get(0), accuracies.get(0))
                : Fitness.ofFolds(losses, accuracies);
    }
}
