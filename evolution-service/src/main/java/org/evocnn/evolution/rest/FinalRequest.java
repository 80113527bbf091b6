package org.evocnn.evolution.rest;

import jakarta.ws.rs.NotFoundException;
import org.evocnn.engine.population.Individual;
import org.evocnn.evolution.run.EvolutionRun;
import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.model.message.Inherit;

/**
 * The body of {@code POST /api/runs/{id}/final}: {@code genome} (inline) or {@code reference} (a paper network id),
 * not both; neither means the run's best. {@code fromEvaluation} (weight inheritance only, instead of both): the genome of
 * that evaluation, a member of the population, trained on from the trained weights the service keeps of it.
 * {@code repeats} defaults to 1 (1..100), {@code epochs} to the paper's 20.
 * It is read as strictly as a run specification (unknown fields, wrong types and malformed JSON are 400s naming the
 * field) and the genome must build for the run's data set within the run's resource caps, so that nothing an
 * evaluator would refuse is sent.
 */
public record FinalRequest(Genome genome, String reference, Integer repeats, Integer epochs, Long fromEvaluation) {

    /**
     * A request checked against its run: what to train, under which label, how often and how long, and the trained
     * weights it starts from (null: fresh ones).
     */
    public record Checked(String label, Genome genome, int repeats, int epochs,
                          Inherit inherit) {
    }

    /** @throws org.evocnn.model.json.InvalidJsonException or {@link FieldException} naming the field */
    public static Checked read(String body, EvolutionRun run) {
        FinalRequest r = body == null || body.isBlank() ? new FinalRequest(null, null, null, null, null)
                : ModelJson.read(body, FinalRequest.class);
        int repeats = FieldException.inRange("repeats", r.repeats() == null ? 1 : r.repeats(), 1, 100);
        int epochs = FieldException.inRange("epochs",
                r.epochs() == null ? TrainingTask.PAPER_FINAL_EPOCHS : r.epochs(), 1, 10_000);
        String label;
        Genome genome;
        String field;
        Inherit inherit = null;
        if (r.fromEvaluation() != null && (r.genome() != null || r.reference() != null)) {
            throw new FieldException("fromEvaluation", "give either fromEvaluation or a genome or reference");
        }
        if (r.fromEvaluation() != null) {
            EvolutionRun.Trained trained = run.trained(r.fromEvaluation());
            label = "evaluation " + r.fromEvaluation() + " from its trained weights";
            genome = trained.genome();
            inherit = trained.inherit();
            field = "fromEvaluation";
        } else if (r.genome() != null && r.reference() != null) {
            throw new FieldException("reference", "give either genome or reference, not both");
        } else if (r.genome() != null) {
            label = "genome " + r.genome().architectureHash();
            genome = r.genome();
            field = "genome";
        } else if (r.reference() != null) {
            ReferenceNetwork reference;
            try {
                reference = ReferenceNetwork.byId(r.reference());
            } catch (IllegalArgumentException e) {
                throw new FieldException("reference", e.getMessage());
            }
            label = reference.id();
            genome = reference.genome();
            field = "reference";
        } else {
            Individual best = run.snapshot().best()
                    .orElseThrow(() -> new NotFoundException("run " + run.runId() + " has no evaluated individual yet"));
            label = "best (evaluation " + best.sequence() + ")";
            genome = best.genome();
            field = "best";
        }
        var evolution = run.spec().evolution();
        var task = run.spec().task();
        Architecture arch = NetworkAnalyzer.analyze(genome, evolution.input(), evolution.classes());
        evolution.searchSpace().caps().rejection(arch, task.batchSize(), task.optimizer().stateCopies())
                .ifPresent(reason -> {
                    throw new FieldException(field, "cannot be trained for " + task.dataset() + ": " + reason);
                });
        return new Checked(label, genome, repeats, epochs, inherit);
    }
}
