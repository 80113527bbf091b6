package org.evocnn.evolution.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evocnn.engine.population.Individual;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.IgnoredResults;
import org.evocnn.evolution.run.RunRegistry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Per-run meters, tagged {@code run}: evaluations by status, cache hits and evaluator-seconds (counters), in flight, population size, evaluations per
 * minute, best loss and best accuracy, and whether the run is still running. Runs are picked up as they appear.
 */
@ApplicationScoped
public class RunMetrics {

    @Inject
    RunRegistry runs;
    @Inject
    MeterRegistry registry;

    private final Set<String> registered = new HashSet<>();

    @Scheduled(every = "${evocnn.metrics.run-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void refresh() {
        if (registered.add("")) {
            for (IgnoredResults.Reason reason : List.of(IgnoredResults.Reason.UNKNOWN_RUN,
                    IgnoredResults.Reason.UNREADABLE)) {
                FunctionCounter.builder("evocnn.results.ignored", runs.unroutable(), i -> i.count(reason))
                        .description("Results that reached no run, by reason")
                        .tag("reason", reason.label())
                        .register(registry);
            }
        }
        for (EvolutionRun run : runs.all()) {
            if (registered.add(run.runId())) {
                register(run);
            }
        }
    }

    private void register(EvolutionRun run) {
        Tags tags = Tags.of("run", run.runId());
        for (String status : new String[] {"ok", "invalid", "failed", "stopped"}) {
            FunctionCounter.builder("evocnn.run.evaluations", run, r -> switch (status) {
                        case "ok" -> r.snapshot().stats().ok();
                        case "invalid" -> r.snapshot().stats().invalid();
                        case "stopped" -> r.snapshot().stats().stopped();
                        default -> r.snapshot().stats().failed();
                    })
                    .description("Evaluations completed, by status")
                    .tags(tags).tag("status", status)
                    .register(registry);
        }
        for (IgnoredResults.Reason reason : List.of(IgnoredResults.Reason.DUPLICATE,
                IgnoredResults.Reason.UNKNOWN_EVALUATION)) {
            FunctionCounter.builder("evocnn.run.results.ignored", run, r -> r.ignored().count(reason))
                    .description("Results of the run that changed nothing, by reason")
                    .tags(tags).tag("reason", reason.label())
                    .register(registry);
        }
        FunctionCounter.builder("evocnn.run.cache.hits", run, r -> r.snapshot().stats().cacheHits())
                .description("Evaluations the fitness cache answered without training")
                .tags(tags).register(registry);
        FunctionCounter.builder("evocnn.run.promotions", run, r -> r.snapshot().stats().promotions())
                .description("Candidates evaluated again at a higher rung (successive halving)")
                .tags(tags).register(registry);
        FunctionCounter.builder("evocnn.run.evaluator.seconds", run, r -> r.snapshot().stats().evaluatorSeconds())
                .description("Evaluator wall seconds the run's results spent: its compute")
                .baseUnit("seconds").tags(tags).register(registry);
        gauge("evocnn.run.surrogate.rank.correlation", "Spearman rank correlation of the surrogate's predictions with "
                + "the measured losses of the genomes it chose (NaN without screening)", run, tags,
                r -> r.snapshot().stats().surrogateRankCorrelation());
        gauge("evocnn.run.dead.letters", "Requests of the run the broker dead-lettered (kept in its directory)", run,
                tags, r -> r.deadLetters().size());
        gauge("evocnn.run.in.flight", "Requests outstanding", run, tags, r -> r.snapshot().stats().inFlight());
        gauge("evocnn.run.population.size", "Individuals in the population", run, tags,
                r -> r.snapshot().stats().populationSize());
        gauge("evocnn.run.evaluations.per.minute", "Completed evaluations per minute since the run started", run, tags,
                r -> r.snapshot().evaluationsPerMinute(r.nowMillis()));
        gauge("evocnn.run.best.loss", "Validation loss of the best individual (the fitness)", run, tags,
                r -> r.snapshot().best().map(Individual::loss).orElse(Double.NaN));
        gauge("evocnn.run.best.accuracy", "Validation accuracy of the best individual", run, tags,
                r -> r.snapshot().best().map(Individual::accuracy).orElse(Double.NaN));
        gauge("evocnn.run.running", "1 while the run breeds or waits for results, 0 when finished", run, tags,
                r -> r.snapshot().finished() ? 0 : 1);
    }

    private void gauge(String name, String description, EvolutionRun run, Tags tags,
                       ToDoubleFunction<EvolutionRun> value) {
        Gauge.builder(name, run, value).description(description).tags(tags).register(registry);
    }
}
