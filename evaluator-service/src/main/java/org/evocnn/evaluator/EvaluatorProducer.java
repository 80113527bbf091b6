package org.evocnn.evaluator;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.simulation.SimulatedEvaluator;
import org.evocnn.training.dl4j.Backend;
import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.training.dl4j.MemoryBound;
import org.evocnn.training.export.KeptModels;
import io.quarkus.runtime.configuration.MemorySize;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.evaluator.k8s.PodDeletionCost;
import org.evocnn.evaluator.work.EvaluatorMetrics;
import org.evocnn.evaluator.work.RequestHandler;

import java.net.InetAddress;
import java.nio.file.Path;
import java.net.UnknownHostException;

/** Wires the evaluator the configuration's mode names. */
@ApplicationScoped
public class EvaluatorProducer {

    @Produces
    @Singleton
    DatasetRegistry datasets(EvaluatorConfig config) {
        return new DatasetRegistry(config.dataDir());
    }

    /** Who answers: this host, and the backend and device it trains on. */
    @Produces
    @Singleton
    EvaluatorInfo info(EvaluatorConfig config) {
        if (config.mode() == EvaluatorConfig.Mode.DL4J) { // before ND4J loads: JavaCPP reads these once
            Backend.limitNativeMemory(bytes(config.nativeMemoryMax()), bytes(config.physicalMemoryMax()));
            Backend.init();
            // what JavaCPP took, once ND4J has loaded it
            Log.infof("JavaCPP native memory: maxbytes %d, maxphysicalbytes %d (0: none)",
                    org.bytedeco.javacpp.Pointer.maxBytes(), org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
            // a GPU image must not train on the CPU unnoticed: start fails, saying why
            config.requireBackend().ifPresent(Backend::require);
        }
        return config.mode() == EvaluatorConfig.Mode.SIMULATED ? new EvaluatorInfo(host(), "simulated", "none")
                : new EvaluatorInfo(host(), Backend.name(), Backend.device());
    }

    /** Where final trainings keep their networks until the reply takes them. */
    @Produces
    @Singleton
    KeptModels keptModels(EvaluatorConfig config) {
        Path dir = config.modelsDir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "evocnn-models"));
        return new KeptModels(dir, config.maxModelSize().asLongValue());
    }

    @Produces
    @Singleton
    GenomeEvaluator evaluator(EvaluatorConfig config, DatasetRegistry datasets, EvaluatorInfo info,
                              KeptModels models) {
        if (config.mode() == EvaluatorConfig.Mode.SIMULATED) {
            Log.infof("simulated evaluator: %.3f s per forward MFLOP, fitness from %s",
                    config.simulation().secondsPerMflop(), config.simulation().fitness());
            return new SimulatedEvaluator(config.simulation().secondsPerMflop(), config.simulation().fitness(),
                    config.simulation().noise(), config.caps(), info, Thread::sleep);
        }
        Log.infof("DL4J evaluator on %s (%s), data in %s", info.backend(), info.device(), config.dataDir().toAbsolutePath());
        long bound = config.physicalMemoryMax().map(MemorySize::asLongValue)
                .orElse(org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
        Log.infof("memory bound %,d MiB: genomes that may need more are refused, trainings past it stopped",
                bound >> 20);
        return new Dl4jEvaluator(datasets, config.caps(), config.maxEvaluationTime(), info, new MemoryBound(bound),
                config.minGflops() * 1e9, config.keepModels() ? models : null);
    }

    /**
     * What happens to each request, whatever brought it; in a cluster it marks this pod cheap to delete while idle,
     * dear while training (scale-in takes idle evaluators first).
     */
    @Produces
    @Singleton
    RequestHandler handler(GenomeEvaluator evaluator, EvaluatorMetrics metrics, DatasetRegistry datasets,
                           EvaluatorConfig config) {
        return new RequestHandler(evaluator, metrics, datasets, PodDeletionCost.inCluster(), config.maxInterruptions());
    }

    private static java.util.OptionalLong bytes(java.util.Optional<io.quarkus.runtime.configuration.MemorySize> size) {
        return size.map(s -> java.util.OptionalLong.of(s.asLongValue())).orElse(java.util.OptionalLong.empty());
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
