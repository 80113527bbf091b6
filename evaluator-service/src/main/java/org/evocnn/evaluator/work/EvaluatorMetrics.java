package org.evocnn.evaluator.work;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.TrainingTask;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The evaluator's Prometheus metrics: evaluations by status, training seconds, samples per second of the last
 * evaluation, evaluations in progress, requests dead-lettered, and the backend and device (as tags).
 */
@ApplicationScoped
@Startup // registered at start, so the meters exist before the first evaluation
public class EvaluatorMetrics {

    private final Map<EvaluationStatus, Counter> evaluations = new EnumMap<>(EvaluationStatus.class);
    private final DistributionSummary trainingSeconds;
    private final Counter deadLettered;
    private final Counter handedOn;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong samplesPerSecondBits = new AtomicLong(Double.doubleToLongBits(0));

    public EvaluatorMetrics(MeterRegistry registry, EvaluatorInfo info) {
        Gauge.builder("evocnn.evaluator.backend", () -> 1)
                .description("Always 1; its tags say what this evaluator trains on")
                .tag("backend", info.backend())
                .tag("device", info.device())
                .register(registry);
        for (EvaluationStatus status : EvaluationStatus.values()) {
            evaluations.put(status, Counter.builder("evocnn.evaluator.evaluations")
                    .description("Evaluations answered, by status")
                    .tag("status", status.wire())
                    .register(registry));
        }
        trainingSeconds = DistributionSummary.builder("evocnn.evaluator.training.seconds")
                .description("Wall seconds per answered evaluation")
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .register(registry);
        deadLettered = Counter.builder("evocnn.evaluator.dead.lettered")
                .description("Requests moved to the dead-letter queue as unreadable")
                .register(registry);
        handedOn = Counter.builder("evocnn.evaluator.handed.on")
                .description("Evaluations handed on with their finished folds when this evaluator was stopped")
                .register(registry);
        // a gauge holds its state weakly and a second registration of its name is ignored: one left by an earlier
        // start in this JVM (Quarkus tests restart the application) would hide this instance's values
        for (String gauge : new String[] {"evocnn.evaluator.busy", "evocnn.evaluator.samples.per.second"}) {
            registry.find(gauge).meters().forEach(registry::remove);
        }
        Gauge.builder("evocnn.evaluator.busy", busy, AtomicInteger::get)
                .description("Evaluations in progress")
                .register(registry);
        Gauge.builder("evocnn.evaluator.samples.per.second", samplesPerSecondBits,
                        bits -> Double.longBitsToDouble(bits.get()))
                .description("Training samples per second of the last ok evaluation")
                .register(registry);
    }

    public void busy(boolean started) {
        busy.addAndGet(started ? 1 : -1);
    }

    public void record(EvaluationResult result) {
        evaluations.get(result.status()).increment();
        if (result.isOk()) {
            trainingSeconds.record(result.wallSeconds());
        }
    }

    /** Samples per second of an ok evaluation over a training set of {@code trainSize} samples. */
    public void throughput(EvaluationKind kind, TrainingTask task, int trainSize, double seconds) {
        if (seconds > 0) {
            long samples = TrainingWork.samples(kind, task, trainSize);
            samplesPerSecondBits.set(Double.doubleToLongBits(samples / seconds));
        }
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void handedOn() {
        handedOn.increment();
    }
}
