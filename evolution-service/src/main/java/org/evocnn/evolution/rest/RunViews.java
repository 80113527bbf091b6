package org.evocnn.evolution.rest;

import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionStats;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.evolution.run.FinalTraining;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationResult;

import java.util.List;
import java.util.Locale;

/** What the REST API shows of runs. */
public final class RunViews {

    private RunViews() {
    }

    /** A member of the population, or the best individual. */
    public record IndividualView(long sequence, double loss, double accuracy, long trainableParams,
                                 String architectureHash, Genome genome) {
        static IndividualView of(Individual i) {
            return new IndividualView(i.sequence(), i.loss(), i.accuracy(), i.trainableParams(),
                    i.genome().architectureHash(), i.genome());
        }
    }

    /** A run's progress. */
    public record RunStatus(String runId, String state, String terminationReason, String mode, String dataset,
                            EvolutionStats evaluations, IndividualView best, double evaluationsPerMinute,
                            double elapsedSeconds) {
        static RunStatus of(EvolutionRun run) {
            synchronized (run) {
                Evolution e = run.evolution();
                double seconds = e.elapsed().toMillis() / 1000.0;
                EvolutionStats stats = e.stats();
                return new RunStatus(run.runId(), lower(e.state().name()),
                        e.terminationReason().map(r -> lower(r.name())).orElse(null),
                        lower(run.spec().evolution().mode().name()), run.spec().task().dataset(), stats,
                        e.best().map(IndividualView::of).orElse(null),
                        run.evaluationsPerMinute(), seconds);
            }
        }
    }

    /** The best individual with its Keras-style summary and paper-style listing. */
    public record BestView(IndividualView individual, String layers, String summary) {
        static BestView of(Individual best, EvolutionRun run) {
            Architecture arch = NetworkAnalyzer.analyze(best.genome(), run.spec().evolution().input(),
                    run.spec().evolution().classes());
            return new BestView(IndividualView.of(best), best.genome().describe(), arch.summary());
        }
    }

    /** One page of a run's evaluation history, oldest first. */
    public record EvaluationPage(int page, int size, int total, List<EvaluationResult> evaluations) {
    }

    /** A final training: its repeats' results and the test-accuracy statistics of those answered ok. */
    public record FinalView(String id, String label, int repeats, boolean done, FinalTraining.Summary testAccuracy,
                            Genome genome, List<EvaluationResult> results) {
        static FinalView of(FinalTraining t) {
            return new FinalView(t.id(), t.label(), t.repeats(), t.done(), t.testAccuracy(), t.genome(), t.results());
        }
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
