package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A search's best-so-far curve against evaluator-seconds, from its evaluations in arrival order: only results at the
 * task's own fidelity (the top rung) are its fitness, while every evaluation, at any rung, costs its seconds.
 */
final class SearchCurves {

    private SearchCurves() {
    }

    /** Whether an evaluation was at the task's own fidelity: the top rung, or any without successive halving. */
    static boolean atTopRung(JsonNode evaluation, int topRung) {
        JsonNode rung = evaluation.path("rung");
        return rung.isMissingNode() || rung.isNull() || rung.asInt() == topRung;
    }

    /**
     * The lowest loss among a run's ok fitness evaluations at the task's fidelity finished within {@code seconds} of
     * evaluator time (each evaluation's wall seconds summed in arrival order, lower rungs and stopped ones included;
     * cache hits cost nothing); NaN before the first.
     */
    static double bestWithin(List<JsonNode> evaluations, double seconds, int topRung) {
        double spent = 0;
        double best = Double.NaN;
        for (JsonNode e : evaluations) {
            if (!"fitness".equals(e.path("kind").asText())) {
                continue;
            }
            spent += e.path("wallSeconds").asDouble();
            if (spent > seconds) {
                break;
            }
            if ("ok".equals(e.path("status").asText()) && atTopRung(e, topRung)) {
                double loss = e.path("fitness").path("loss").asDouble();
                best = Double.isNaN(best) ? loss : Math.min(best, loss);
            }
        }
        return best;
    }

    static double bestWithin(List<JsonNode> evaluations, double seconds) {
        return bestWithin(evaluations, seconds, 0);
    }

    static double bestWithin(SearchBenchmark.Result r, double seconds) {
        return bestWithin(r.evaluations(), seconds, r.topRung());
    }

    /** Evaluator-seconds a run spent until its best loss (at the task's fidelity) was at most {@code loss}. */
    static OptionalDouble secondsToReach(List<JsonNode> evaluations, double loss, int topRung) {
        double spent = 0;
        for (JsonNode e : evaluations) {
            if (!"fitness".equals(e.path("kind").asText())) {
                continue;
            }
            spent += e.path("wallSeconds").asDouble();
            if ("ok".equals(e.path("status").asText()) && atTopRung(e, topRung)
                    && e.path("fitness").path("loss").asDouble() <= loss) {
                return OptionalDouble.of(spent);
            }
        }
        return OptionalDouble.empty();
    }

    static OptionalDouble secondsToReach(List<JsonNode> evaluations, double loss) {
        return secondsToReach(evaluations, loss, 0);
    }


    /** Fitness evaluations (cache hits included) finished within the budget. */
    static int evaluationsWithin(List<JsonNode> evaluations, double seconds) {
        double spent = 0;
        int n = 0;
        for (JsonNode e : evaluations) {
            if ("fitness".equals(e.path("kind").asText())) {
                spent += e.path("wallSeconds").asDouble();
                if (spent > seconds) {
                    break;
                }
                n++;
            }
        }
        return n;
    }
}
