package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SearchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fitness result: ok with a loss, or failed (loss NaN); cache hits cost 0 seconds. */
    private static JsonNode fitness(double loss, double seconds) {
        var node = JSON.createObjectNode().put("kind", "fitness").put("wallSeconds", seconds)
                .put("status", Double.isNaN(loss) ? "failed" : "ok");
        if (!Double.isNaN(loss)) {
            node.putObject("fitness").put("loss", loss);
        }
        return node;
    }

    private static final List<JsonNode> RUN = List.of(
            fitness(0.9, 10), fitness(Double.NaN, 5), fitness(0.7, 10), fitness(0.7, 0), fitness(0.5, 20),
            JSON.createObjectNode().put("kind", "final").put("wallSeconds", 100).put("status", "ok"));

    @Test
    void bestWithinCountsOnlyEvaluationsFinishedWithinTheBudget() {
        assertThat(SearchCurves.bestWithin(RUN, 9)).isNaN();
        assertThat(SearchCurves.bestWithin(RUN, 10)).isEqualTo(0.9);
        assertThat(SearchCurves.bestWithin(RUN, 24.9)).isEqualTo(0.9); // the failed one spent 5 s, found nothing
        assertThat(SearchCurves.bestWithin(RUN, 25)).isEqualTo(0.7);
        assertThat(SearchCurves.bestWithin(RUN, 44)).isEqualTo(0.7);
        assertThat(SearchCurves.bestWithin(RUN, 45)).isEqualTo(0.5);
        assertThat(SearchCurves.bestWithin(RUN, 1e6)).isEqualTo(0.5); // the final training is not search compute
    }

    @Test
    void secondsToReachAndEvaluationsWithin() {
        assertThat(SearchCurves.secondsToReach(RUN, 0.8)).hasValue(25);
        assertThat(SearchCurves.secondsToReach(RUN, 0.5)).hasValue(45);
        assertThat(SearchCurves.secondsToReach(RUN, 0.4)).isEmpty();
        assertThat(SearchCurves.evaluationsWithin(RUN, 25)).isEqualTo(4); // the cache hit at 25 s is free
        assertThat(SearchCurves.evaluationsWithin(RUN, 44)).isEqualTo(4);
        assertThat(SearchCurves.evaluationsWithin(RUN, 45)).isEqualTo(5);
    }

    @Test
    void curvesAreMeanMinAndMaxOverSeeds() {
        List<JsonNode> other = List.of(fitness(0.6, 30));
        Map<String, List<SearchBenchmark.Result>> byStrategy = new LinkedHashMap<>();
        byStrategy.put("async", new ArrayList<>(List.of(result("async", 1, RUN), result("async", 2, other))));
        String csv = SearchReport.curvesCsv(byStrategy, 60);
        // grid of 60 points over 60 s: at 30 s seed 1 has 0.7, seed 2 has 0.6
        assertThat(csv).contains("async,30.0,0.65000,0.60000,0.70000,2\n");
        assertThat(csv).contains("async,10.0,0.90000,0.90000,0.90000,1\n");
        assertThat(csv.lines().filter(l -> l.startsWith("async,9.0,"))).isEmpty(); // nothing finished yet
        String svg = SearchReport.svg(byStrategy, 60, "fashion-mnist");
        JsonNode cheap = SearchStrategy.spec(SearchStrategy.CHEAP, SearchBenchmark.parse(new String[0]), 1).json()
                .path("evolution");
        assertThat(cheap.has("fidelity") && cheap.has("earlyStopping") && cheap.has("screening")
                && cheap.path("fitnessCache").asBoolean()).isTrue();
        assertThat(svg).contains("<svg").contains("async").contains("evaluator-seconds");
        double last = Double.parseDouble(csv.lines().reduce((a, b) -> b).orElseThrow().split(",")[2]);
        assertThat(last).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void withSuccessiveHalvingOnlyTopRungResultsAreTheFitnessButEveryRungCosts() {
        List<JsonNode> halving = List.of(rung(fitness(0.2, 5), 0), rung(fitness(0.6, 20), 2), rung(fitness(0.3, 10), 1),
                rung(fitness(0.4, 20), 2));
        assertThat(SearchCurves.bestWithin(halving, 100, 2)).isEqualTo(0.4);
        assertThat(SearchCurves.bestWithin(halving, 34, 2)).as("the low rungs' 0.2 and 0.3 do not count").isEqualTo(0.6);
        assertThat(SearchCurves.secondsToReach(halving, 0.5, 2)).hasValue(55);
        var run = new SearchBenchmark.Result("halving", 1, "run-1", halving, JSON.createObjectNode(),
                JSON.createObjectNode(), null, 2);
        assertThat(SearchReport.reach(List.of(run), Map.of(1L, 0.5))).isEqualTo("55");
        assertThat(SearchReport.reach(List.of(run), Map.of(1L, 0.1))).isEqualTo("-");
        assertThat(SearchReport.reach(List.of(run), Map.of(2L, 0.5))).as("no reference for that seed").isEmpty();
    }

    private static JsonNode rung(JsonNode evaluation, int rung) {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) evaluation).put("rung", rung);
    }

    private static SearchBenchmark.Result result(String strategy, long seed, List<JsonNode> evaluations) {
        return new SearchBenchmark.Result(strategy, seed, "run-" + seed, evaluations, JSON.createObjectNode(),
                JSON.createObjectNode(), null, 0);
    }
}
