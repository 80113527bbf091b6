package org.evocnn.tools.bench;

import org.evocnn.engine.fidelity.Rung;
import org.evocnn.engine.process.Termination;
import org.evocnn.engine.surrogate.Screening;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.spec.PartialSpec;
import org.evocnn.spec.RunOptions;
import org.evocnn.spec.RunSpec;

import java.util.List;

/** The search benchmark's strategies: what each sets beyond the shared task, population and budget. */
enum SearchStrategy {
    ASYNC("async"), RANDOM("random"), REGULARIZED("regularized"), PENALISED("penalised"), PARETO("pareto"),
    HYPER("hyper"), RANDOM_HYPER("random-hyper"), HALVING("halving"), HALVING_ADJUSTED("halving-adjusted"),
    MEDIAN("median"), SCREENING("screening"), CHEAP("cheap"), ISLANDS("islands"), INHERIT("inherit");

    final String label;

    SearchStrategy(String label) {
        this.label = label;
    }

    static SearchStrategy byLabel(String label) {
        for (SearchStrategy s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy " + label + ", known: " + String.join(", ",
                java.util.Arrays.stream(values()).map(v -> v.label).toList()));
    }

    /** This strategy's options on top of {@code spec}. */
    PartialSpec apply(PartialSpec spec, SearchBenchmark.Options o) {
        spec.set(RunOptions.MODE, switch (this) {
            case RANDOM, RANDOM_HYPER -> "random";
            case REGULARIZED -> "regularized";
            case ISLANDS -> "islands";
            default -> "async";
        });
        switch (this) {
            case PENALISED, HYPER -> spec.set(RunOptions.OBJECTIVE, "penalised-loss");
            case PARETO -> spec.set(RunOptions.OBJECTIVE, "pareto");
            default -> { }
        }
        if (List.of(PENALISED, PARETO, HYPER, RANDOM_HYPER, CHEAP).contains(this)) {
            spec.set(RunOptions.FITNESS_CACHE, true);
        }
        // the control of "hyper" is random search over the same space, training genes included
        if (this == HYPER || this == RANDOM_HYPER) {
            spec.set(RunOptions.EVOLVE_TRAINING, true);
        }
        // successive halving: a ninth and a third of the task's images below it, promoting the top third
        if (this == HALVING || this == HALVING_ADJUSTED || this == CHEAP) {
            spec.set(RunOptions.FIDELITY_ETA, 3).set(RunOptions.FIDELITY_RUNGS, List.of(
                    new Rung(Math.max(o.folds() * 10, o.subset() / 9), 0, 0),
                    new Rung(Math.max(o.folds() * 10, o.subset() / 3), 0, 0)));
        }
        if (this == HALVING_ADJUSTED) {
            spec.set(RunOptions.FIDELITY_SELECTION, "adjusted");
        }
        if (this == MEDIAN || this == CHEAP) {
            spec.set(RunOptions.STOPPING_RULE, "median").set(RunOptions.STOPPING_MIN_RESULTS, 5);
        }
        if (this == SCREENING || this == CHEAP) {
            spec.set(RunOptions.SCREENING, new Screening(8, 20, 10));
        }
        // four islands of half the population each (20 random genomes before all breed), a ring, every 10 results
        if (this == ISLANDS) {
            spec.set(RunOptions.POP_SIZE, 10).set(RunOptions.MIN_POP_SIZE, 5).set(RunOptions.ISLANDS, 4)
                    .set(RunOptions.MIGRATION_INTERVAL, 10).set(RunOptions.MIGRANTS, 1)
                    .set(RunOptions.TOPOLOGY, "ring");
        }
        // the paper's mode with Lamarckian weight inheritance (validated on one holdout split)
        if (this == INHERIT) {
            spec.set(RunOptions.INHERITANCE, true);
        }
        return spec;
    }

    /** A strategy's whole partial spec for one seed: the shared task, population and budget, then its settings. */
    static PartialSpec spec(SearchStrategy strategy, SearchBenchmark.Options o, long seed) {
        return strategy.apply(new PartialSpec()
                .set(RunOptions.TASK, new TrainingTask(o.dataset(), o.folds(), o.epochs(), 64, Optimizer.RMSPROP,
                        0.001, o.subset(), seed))
                .set(RunOptions.POP_SIZE, 20).set(RunOptions.MIN_POP_SIZE, 10)
                .set(RunOptions.MAX_IN_FLIGHT, o.evaluators() + 1).set(RunOptions.SEED, seed)
                .set(RunOptions.TERMINATION, new Termination(0, 0, null, o.budget())), o);
    }
}
