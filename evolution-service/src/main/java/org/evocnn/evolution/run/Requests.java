package org.evocnn.evolution.run;

import org.evocnn.engine.process.Candidate;
import org.evocnn.spec.RunSpec;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.TrainingTask;

import java.util.ArrayList;
import java.util.List;

/** The one place evaluation requests are built. */
final class Requests {

    private Requests() {
    }

    /**
     * The fitness evaluation of a run's candidate with the run's task at the candidate's rung, and the median stopping
     * rule's thresholds for it when the run stops early.
     */
    static EvaluationRequest fitness(String runId, Candidate candidate, RunSpec spec, StoppingThresholds stopping) {
        TrainingTask task = spec.taskAt(candidate.rung());
        return new EvaluationRequest(EvaluationId.fitness(runId, candidate.sequence()), candidate.genome(), task,
                stopping.at(candidate.rung(), task.epochs())).atRung(spec.rungLabel(candidate.rung()));
    }

    /**
     * The repeats of a run's {@code index}-th final training: the genome trained on the whole training set for
     * {@code epochs} epochs with the run's training settings, repeat n seeded by n.
     */
    static List<EvaluationRequest> finalTraining(String runId, long index, Genome genome, int repeats, int epochs,
                                                 TrainingTask task) {
        List<EvaluationRequest> requests = new ArrayList<>(repeats);
        for (int n = 1; n <= repeats; n++) {
            requests.add(new EvaluationRequest(EvaluationId.finalTraining(runId, index, n), genome,
                    task.forFinalTraining(epochs, n)));
        }
        return requests;
    }
}
