package org.evocnn.evolution.rest;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.EvolutionStats;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.evolution.run.DeadLetters;
import org.evocnn.evolution.run.EvaluationLog;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.evolution.run.JournalDamage;
import org.evocnn.evolution.run.RunSnapshot;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.ModelRef;

import java.util.List;
import java.util.Locale;

/** What the REST API shows: its own types, built from a run's snapshot and logs, so neither the engine's nor the
 * journal's types are part of the API. */
public final class RunViews {

    private RunViews() {
    }

    /**
     * A member of the population, or the best individual; {@code layers} in the paper's notation; {@code rung} the
     * successive-halving rung of its result (0 without halving; below the top, with rung-adjusted selection, the loss is
     * the estimate at the top rung).
     */
    public record IndividualView(long sequence, double loss, double accuracy, long trainableParams, long flops,
                                 String architectureHash, String layers, Genome genome, int rung) {
        static IndividualView of(Individual i) {
            return new IndividualView(i.sequence(), i.loss(), i.accuracy(), i.trainableParams(), i.flops(),
                    i.genome().architectureHash(), i.genome().describe(), i.genome(), i.rung());
        }
    }

    /**
     * Evaluations {@code since}.. in arrival order as columns: sequence (null for a final training), status, loss
     * (null unless ok), parameters and rung (null when unknown); {@code total} is the run's count, the next
     * {@code since}.
     */
    public record FitnessSeries(int since, int total, List<Long> sequence, List<String> status, List<Double> loss,
                                List<Long> params, List<Integer> rung) {
        static FitnessSeries of(int since, List<EvaluationLog.Entry> entries) {
            List<Long> sequence = new java.util.ArrayList<>(entries.size());
            List<String> status = new java.util.ArrayList<>(entries.size());
            List<Double> loss = new java.util.ArrayList<>(entries.size());
            List<Long> params = new java.util.ArrayList<>(entries.size());
            List<Integer> rung = new java.util.ArrayList<>(entries.size());
            for (EvaluationLog.Entry e : entries) {
                RecordedResult r = e.result();
                sequence.add(r.sequence());
                status.add(r.status().wire());
                loss.add(r.isOk() && r.fitness() != null ? r.fitness().loss() : null);
                params.add(r.trainableParams());
                rung.add(r.rung());
            }
            return new FitnessSeries(since, since + entries.size(), sequence, status, loss, params, rung);
        }
    }

    /**
     * Evaluation counters of a run.
     *
     * @param submitted candidates sent for evaluation
     * @param completed results taken (ok + invalid + failed + stopped)
     * @param ignored     results that changed nothing: duplicates and evaluations the run never sent (also in the
     *                    metrics, by reason)
     * @param redrawn     offspring discarded before submission (equal to a parent, or unbuildable)
     * @param deadLetters requests the broker dead-lettered, kept in the run's {@code dead-letters.jsonl}
     * @param cacheHits   evaluations answered by the fitness cache (in completed; never sent)
     * @param evaluatorSeconds the results' wall seconds summed: the compute spent
     * @param promotions  candidates evaluated again at a higher rung (successive halving; in submitted)
     * @param stopped     evaluations the median stopping rule ended early (in completed)
     * @param surrogateRankCorrelation Spearman's rank correlation of the surrogate's predictions with the measured
     *                    losses of the genomes it chose; null without screening or before three
     * @param migrations  rounds of migration between islands (mode islands)
     */
    public record Counts(long submitted, long completed, long ok, long invalid, long failed, long ignored, long redrawn,
                         int inFlight, int populationSize, int deadLetters, long cacheHits, double evaluatorSeconds,
                         long promotions, long stopped, Double surrogateRankCorrelation, int migrations) {
        static Counts of(EvolutionStats s, EvolutionRun run) {
            return new Counts(s.submitted(), s.completed(), s.ok(), s.invalid(), s.failed(), run.ignored().total(),
                    s.redrawn(), s.inFlight(), s.populationSize(), run.deadLetters().size(), s.cacheHits(),
                    s.evaluatorSeconds(), s.promotions(), s.stopped(),
                    Double.isNaN(s.surrogateRankCorrelation()) ? null : s.surrogateRankCorrelation(),
                    s.migrations());
        }
    }

    /**
     * A run's progress; {@code startedAtMillis} is 0 before the run starts. A run whose journal is damaged has state
     * {@code damaged} and says where and why ({@code damage}); what its good lines hold is shown as usual.
     */
    public record RunStatus(String runId, String state, String terminationReason, String mode, String dataset,
                            Counts evaluations, IndividualView best, double evaluationsPerMinute,
                            double elapsedSeconds, long startedAtMillis, DamageView damage) {
        static RunStatus of(EvolutionRun run) {
            RunSnapshot s = run.snapshot();
            long now = run.nowMillis();
            return new RunStatus(run.runId(), run.damage().isPresent() ? "damaged" : lower(s.state().name()),
                    s.terminationReason().map(r -> lower(r.name())).orElse(null),
                    lower(run.spec().evolution().mode().name()), run.spec().task().dataset(), Counts.of(s.stats(), run),
                    s.best().map(IndividualView::of).orElse(null), s.evaluationsPerMinute(now),
                    s.elapsedSeconds(now), s.startedAtMillis(), run.damage().map(DamageView::of).orElse(null));
        }

        /** A journal that gives not even a run: only its damage is known. */
        static RunStatus unreadable(String runId, JournalDamage damage) {
            return new RunStatus(runId, "damaged", null, null, null, null, null, 0, 0, 0, DamageView.of(damage));
        }
    }

    /** Where a run's journal stops being trustworthy, and whether the run can continue from the lines before. */
    public record DamageView(String file, int line, String reason, boolean recoverable) {
        static DamageView of(JournalDamage d) {
            return new DamageView(d.file().toString(), d.line(), d.reason(), d.recoverable());
        }
    }

    /**
     * The best individual with its Keras-style summary and paper-style listing; with a Pareto objective also the
     * front of the run (the best is then its lowest loss).
     */
    public record BestView(IndividualView individual, String layers, String summary, List<IndividualView> front) {
        static BestView of(Individual best, EvolutionRun run) {
            Architecture arch = NetworkAnalyzer.analyze(best.genome(), run.spec().evolution().input(),
                    run.spec().evolution().classes());
            return new BestView(IndividualView.of(best), best.genome().describe(), arch.summary(),
                    run.snapshot().front().stream().map(IndividualView::of).toList());
        }
    }

    /** Scores of an evaluation: fitness means and folds, or a final training's test-set values. */
    public record ScoresView(double loss, double accuracy, List<Double> foldLosses, List<Double> foldAccuracies) {
    }

    /** Who evaluated. */
    public record EvaluatorView(String host, String backend, String device) {
    }

    /**
     * One evaluation result; {@code cachedFrom} names the evaluation a fitness-cache hit reused (0 seconds); with
     * successive halving {@code rung} is the fidelity it was evaluated at (0 the lowest; the spec's
     * {@code evolution.fidelity.rungs} has the ones below the task's own); with the median stopping rule
     * {@code epochLosses} has each fold's validation loss after each epoch; with weight inheritance {@code inherited}
     * has the layers and parameters it took from its parents, the epochs of training its weights hold, and why a
     * parent's weights could not be used.
     */
    public record EvaluationView(String evaluationId, String kind, Long sequence, Integer repeat, String status,
                                 ScoresView fitness, Long trainableParams, double wallSeconds,
                                 EvaluatorView evaluator, String error, Long receivedAtMillis, String cachedFrom,
                                 Integer rung, List<List<Double>> epochLosses, ModelRef model,
                                 org.evocnn.model.message.Inherited inherited) {
        static EvaluationView of(RecordedResult r, Long receivedAtMillis) {
            RecordedResult.Scores f = r.fitness();
            RecordedResult.Evaluator e = r.evaluator();
            return new EvaluationView(r.evaluationId(), r.kind().wire(), r.sequence(), r.repeat(), r.status().wire(),
                    f == null ? null : new ScoresView(f.loss(), f.accuracy(), f.foldLosses(), f.foldAccuracies()),
                    r.trainableParams(), r.wallSeconds(),
                    e == null ? null : new EvaluatorView(e.host(), e.backend(), e.device()), r.error(),
                    receivedAtMillis, r.cachedFrom(), r.rung(), r.epochLosses(), r.model(), r.inherited());
        }

        static EvaluationView of(EvaluationLog.Entry entry) {
            return of(entry.result(), entry.receivedAtMillis());
        }
    }

    /**
     * An ancestor of a network: {@code generation} 0 is the network itself, 1 its parents, and so on; {@code origin}
     * the operators that made it ({@code random} for a genome drawn from the search space); its result's status, loss
     * and size when it came; with weight inheritance, the parameters it inherited and the epochs its weights hold.
     */
    public record AncestorView(long sequence, int generation, String origin, List<Long> parents, String status,
                               Double loss, Double accuracy, Long trainableParams, Long inheritedParams,
                               Integer lineageEpochs) {
        static AncestorView of(org.evocnn.evolution.run.Ancestry.Ancestor a,
                               org.evocnn.evolution.run.EvaluationLog log) {
            var result = log.fitness(a.node().sequence()).map(EvaluationLog.Entry::result);
            RecordedResult.Scores f = result.map(RecordedResult::fitness).orElse(null);
            return new AncestorView(a.node().sequence(), a.generation(), a.node().origin(), a.node().parents(),
                    result.map(r -> r.status().wire()).orElse(null), f == null ? null : f.loss(),
                    f == null ? null : f.accuracy(), result.map(RecordedResult::trainableParams).orElse(null),
                    result.map(RecordedResult::inherited).map(i -> i.params()).orElse(null),
                    result.map(RecordedResult::inherited).map(i -> i.lineageEpochs()).orElse(null));
        }
    }

    /** A request the broker dead-lettered: why, from which queue, and its body. */
    public record DeadLetterView(long atMillis, String evaluationId, String reason, String originalQueue,
                                 String body) {
        static DeadLetterView of(DeadLetters.DeadLetter d) {
            return new DeadLetterView(d.atMillis(), d.evaluationId(), d.reason(), d.originalQueue(), d.body());
        }
    }

    /** One page of a run's evaluation history, oldest first. */
    public record EvaluationPage(int page, int size, int total, List<EvaluationView> evaluations) {
    }

    /** avg / std / min / max test accuracy of the repeats answered ok. */
    public record AccuracySummary(int ok, double avg, double std, double min, double max) {
        static AccuracySummary of(FinalTraining.Summary s) {
            return new AccuracySummary(s.ok(), s.avg(), s.std(), s.min(), s.max());
        }
    }

    /** A final training: its repeats' results and the test-accuracy statistics of those answered ok. */
    public record FinalView(String id, String label, int repeats, int epochs, boolean done,
                            AccuracySummary testAccuracy, Genome genome, List<EvaluationView> results) {
        static FinalView of(FinalTraining t) {
            return new FinalView(t.id(), t.label(), t.repeats(), t.epochs(), t.done(),
                    AccuracySummary.of(t.testAccuracy()), t.genome(),
                    t.results().stream().map(r -> EvaluationView.of(r, null)).toList());
        }
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
