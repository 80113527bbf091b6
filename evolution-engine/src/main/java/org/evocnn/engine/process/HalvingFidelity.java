package org.evocnn.engine.process;

import org.evocnn.engine.fidelity.RungAdjustment;
import org.evocnn.engine.fidelity.Rungs;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.population.Objective;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Successive halving (ASHA) inside the loop: new genomes at the lowest rung, promotions before breeding, and only
 * top-rung results for the population, or with rung-adjusted selection every rung's results moved to the top rung's
 * scale, a genome once at its highest rung.
 */
final class HalvingFidelity implements Fidelity {

    private final SuccessiveHalving config;
    private final Rungs rungs;
    private final RungAdjustment adjustment; // rung-adjusted selection only

    HalvingFidelity(SuccessiveHalving config, Objective objective) {
        this.config = config;
        this.rungs = new Rungs(config, objective);
        this.adjustment = config.adjusted() ? new RungAdjustment(rungs) : null;
    }

    @Override
    public Optional<Candidate> promotion(LongSupplier sequences) {
        return rungs.next().map(p -> new Candidate(sequences.getAsLong(), p.offspring(), p.rung(), p.from()));
    }

    @Override
    public void measured(Candidate candidate, Individual individual, Admission admission) {
        if (candidate.promoted()) {
            rungs.climbed(candidate.promotedFrom(), candidate.rung(), individual.loss());
            if (adjustment != null) {
                adjustment.promoted(candidate.sequence(), candidate.promotedFrom());
            }
        }
        if (candidate.rung() < config.top()) {
            rungs.completed(candidate.rung(), individual, candidate.offspring()); // not at the task's fidelity yet
            if (adjustment != null) {
                adjustment.measuredBelowTop(individual);
            }
        } else {
            replaced(individual, admission);
            admission.top(individual);
        }
        if (adjustment != null) {
            for (Individual ready : adjustment.ready()) {
                replaced(ready, admission);
                admission.adjusted(ready);
            }
        }
    }

    /** With rung-adjusted selection, the genome's lower-rung results leave as this one enters. */
    private void replaced(Individual individual, Admission admission) {
        if (adjustment != null) {
            adjustment.replacedBy(individual.sequence()).forEach(admission::remove);
        }
    }

    @Override
    public long promotions() {
        return rungs.promotions();
    }
}
