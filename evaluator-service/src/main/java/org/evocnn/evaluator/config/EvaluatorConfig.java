package org.evocnn.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.quarkus.runtime.configuration.MemorySize;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.data.DatasetCatalog;
import org.evocnn.model.data.DatasetInfo;
import org.evocnn.model.message.Queues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of an evaluator process ({@code evocnn.evaluator.*}; environment: {@code EVOCNN_EVALUATOR_*}). */
@ConfigMapping(prefix = "evocnn.evaluator")
public interface EvaluatorConfig {

    /** How genomes are evaluated. */
    enum Mode {
        /** Real training with DL4J. */
        DL4J,
        /** No training: cost and fitness from a model of the genome (benchmarks, fast end-to-end tests). */
        SIMULATED
    }

    /** {@code dl4j} or {@code simulated}. */
    @WithDefault("dl4j")
    Mode mode();

    /**
     * The ND4J backend this evaluator must run on ({@code cpu} or {@code cuda}; the GPU image sets cuda): when ND4J
     * runs on another or cannot compute there, the evaluator does not start. Unset: whatever ND4J loads.
     */
    Optional<String> requireBackend();

    /** Directory with one folder of IDX files per data set (see scripts/fetch-data). */
    @WithDefault("data")
    Path dataDir();

    /** Data sets that must be present for the evaluator to report ready (DL4J mode); unset: the catalog's. */
    @WithName("datasets")
    Optional<List<String>> configuredDatasets();

    /** The data sets readiness checks: those configured, else every data set of the catalog. */
    default List<String> datasets() {
        return configuredDatasets().orElseGet(() -> DatasetCatalog.builtIn().stream().map(DatasetInfo::id).toList());
    }

    /** Genomes with more trainable parameters are answered {@code invalid} without training; 0 means no cap. */
    @WithDefault("" + ResourceCaps.DEFAULT_MAX_PARAMS)
    long maxParams();

    /** Genomes with more forward FLOPs per sample are answered {@code invalid} without training; 0: no cap. */
    @WithDefault("" + ResourceCaps.DEFAULT_MAX_FLOPS)
    long maxFlops();

    /**
     * Genomes whose training step would hold more memory (the estimate of {@code Architecture.trainingBytes} at the
     * task's batch size) are answered {@code invalid} without training, e.g. {@code 2G}; 0: no cap.
     */
    @WithDefault("" + ResourceCaps.DEFAULT_MAX_TRAINING_BYTES)
    MemorySize maxTrainingMemory();

    /** The three caps together. */
    default ResourceCaps caps() {
        return new ResourceCaps(maxParams(), maxFlops(), maxTrainingMemory().asLongValue());
    }

    /**
     * The longest one evaluation may train (checked between batches), whatever its task asks for; over it the
     * evaluation stops and is answered {@code failed}.
     */
    @WithDefault("12h")
    Duration maxEvaluationTime();

    /** Whether final trainings send their trained networks with their results (docs/models.md). */
    @WithDefault("true")
    boolean keepModels();

    /**
     * Where a final training's network waits until its result is sent (then it is removed); a local, writable
     * directory. Unset: {@code evocnn-models} in the system's temporary directory.
     */
    Optional<Path> modelsDir();

    /**
     * The largest model file sent; a larger one is not, and the result says so. The default holds a network at the
     * parameter cap (5 M parameters: about 20 MB) many times over.
     */
    @WithDefault("256M")
    MemorySize maxModelSize();

    /**
     * The training speed, in GFLOP/s, that the time limit of a task giving none assumes: 60 s plus its work (3 x
     * forward FLOPs per sample trained, 1 x per sample scored) at this speed (docs/evaluator.md, "Bounds"); a tenth of
     * a slow CPU's, so only a runaway evaluation meets it.
     */
    @WithDefault("1")
    double minGflops();

    /**
     * Off-heap memory ND4J may allocate (JavaCPP's {@code org.bytedeco.javacpp.maxbytes}); an allocation past it is
     * an error the evaluation is answered {@code failed} with, not a kill. Unset: JavaCPP's default, the heap's
     * maximum. See docs/evaluator.md, "Memory".
     */
    Optional<MemorySize> nativeMemoryMax();

    /**
     * The bound on the whole process' resident memory: a genome whose training may need more than is left under it
     * is answered {@code invalid} before anything is built; a training whose process grows past it is stopped at the
     * next batch and answered {@code failed}; and JavaCPP refuses allocations past it
     * ({@code org.bytedeco.javacpp.maxphysicalbytes}). Keep it under the container's limit so the evaluator answers
     * instead of being killed. Unset: JavaCPP's default (logged at start), which is then the bound.
     */
    Optional<MemorySize> physicalMemoryMax();

    /** Requests evaluated at once, one consumer thread each. Keep 1: one training already uses every core. */
    @WithDefault("1")
    int consumers();

    /** Whether the JMS consumers start (off for tools that only need the beans). */
    @WithDefault("true")
    boolean consume();

    /**
     * On shutdown, how long an evaluation in progress may run on before its request is rolled back for redelivery.
     * Keep it below the platform's grace period (Kubernetes terminationGracePeriodSeconds, compose
     * stop_grace_period) minus a few seconds for the rollback.
     */
    @WithDefault("20s")
    Duration shutdownWait();

    /** Queue the evolution service sends evaluation requests to. */
    @WithDefault(Queues.GENOMES)
    String genomesQueue();

    /**
     * Where a fitness evaluation goes when this evaluator is told to stop (scale-in): after the fold in progress, the
     * request is sent here with the folds done and the original acknowledged, in one transaction. Artemis diverts it
     * into the genomes queue as a new message; on a broker without that divert (ActiveMQ Classic) name the genomes
     * queue itself.
     */
    @WithDefault(Queues.GENOMES_RESUME)
    String resumeQueue();

    /**
     * Times one evaluation may be handed on; past that an interrupted evaluation is rolled back (the broker's
     * redelivery, which counts delivery attempts) so a genome that always lands on dying evaluators cannot circle.
     */
    @WithDefault("10")
    int maxInterruptions();

    /** Where requests go that cannot be answered (unreadable, or without JMSReplyTo). */
    @WithDefault(Queues.DEAD_LETTER)
    String deadLetterQueue();

    /** Settings of the simulated mode. */
    Simulation simulation();

    interface Simulation {
        /** Seconds of simulated evaluation per forward MFLOP of the genome; 0 answers at once. */
        @WithDefault("0.05")
        double secondsPerMflop();

        /** {@code architecture}: the loss follows the genome; {@code noise}: every genome is alike but for noise. */
        @WithDefault("architecture")
        org.evocnn.training.simulation.SimulatedEvaluator.FitnessModel fitness();

        /** Standard deviation of the Gaussian noise on the simulated loss. */
        @WithDefault("0.01")
        double noise();
    }
}
