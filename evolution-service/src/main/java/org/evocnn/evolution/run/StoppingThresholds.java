package org.evocnn.evolution.run;

import org.evocnn.engine.fidelity.MedianStoppingRule;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.model.message.MedianStopping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning curves of a run's completed evaluations, per rung (each rung trains its own task), and the median
 * stopping rule's thresholds they give. Fed from the journal on a restart, so a continued run stops as before.
 */
final class StoppingThresholds {

    private final MedianStoppingRule rule; // null: off
    private final Map<Integer, List<List<List<Double>>>> curves = new HashMap<>();

    StoppingThresholds(MedianStoppingRule rule) {
        this.rule = rule;
    }

    /** A recorded fitness result: an ok one with curves is a completed evaluation of its rung. */
    void recorded(RecordedResult r) {
        if (rule != null && r.isOk() && r.kind() == org.evocnn.model.message.EvaluationKind.FITNESS && r.cachedFrom() == null
                && r.epochLosses() != null && !r.epochLosses().isEmpty()) {
            curves.computeIfAbsent(r.rung() == null ? 0 : r.rung(), k -> new ArrayList<>()).add(r.epochLosses());
        }
    }

    /** The rule for a request at {@code rung} training {@code epochs} epochs; null when the run does not stop early. */
    MedianStopping at(int rung, int epochs) {
        return rule == null ? null : new MedianStopping(rule.thresholds(curves.getOrDefault(rung, List.of()), epochs));
    }
}
