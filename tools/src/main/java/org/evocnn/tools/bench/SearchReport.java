package org.evocnn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the search benchmark measured: best-so-far cross-validation loss against evaluator-seconds (every strategy
 * judged by the same raw loss, whatever objective it searched with), the compute each needed to match random search,
 * and the test accuracy and size of the networks the runs chose.
 */
final class SearchReport {

    /** Points on the evaluator-seconds axis where the curves are sampled. */
    static final int GRID = 60;

    private static final Color[] COLOURS = {new Color(0xc0392b), new Color(0x4a7ebb), new Color(0x27ae60),
            new Color(0x8e44ad), new Color(0xe67e22), new Color(0x7f8c8d)};

    private SearchReport() {
    }

    static void write(SearchBenchmark.Options o, List<SearchBenchmark.Result> results, List<JsonNode> baselines,
                      PrintStream out) throws IOException {
        Map<String, List<SearchBenchmark.Result>> byStrategy = new LinkedHashMap<>();
        for (SearchBenchmark.Result r : results) {
            byStrategy.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r);
        }
        Files.writeString(o.out().resolve("curves.csv"), curvesCsv(byStrategy, o.budget()));
        Files.writeString(o.out().resolve("summary.csv"), summaryCsv(results, o.budget()));
        Files.writeString(o.out().resolve("search.svg"), svg(byStrategy, o.budget(), o.dataset()));

        Map<Long, Double> randomBest = bestAtBudget(byStrategy.get("random"), o.budget());
        Map<Long, Double> asyncBest = bestAtBudget(byStrategy.get("async"), o.budget());
        out.printf(Locale.ROOT, "%nbest cross-validation loss within the budget (mean over %d seeds, min..max), "
                + "evaluations, seeds beating random search, evaluator-seconds to reach random search's and the paper's "
                + "(async) best of the same seed, chosen network's test accuracy and size%n", o.seeds().size());
        out.printf(Locale.ROOT, "%-12s %8s %8s %24s %6s %6s %-22s %-22s %9s %10s%n", "strategy", "at 1/4", "at 1/2",
                "at budget", "evals", "beats", "s to random's best", "s to async's best", "test acc", "params");
        for (Map.Entry<String, List<SearchBenchmark.Result>> s : byStrategy.entrySet()) {
            List<SearchBenchmark.Result> runs = s.getValue();
            DoubleSummaryStatistics atBudget = stats(runs, r -> SearchCurves.bestWithin(r, o.budget()));
            int wins = 0;
            for (SearchBenchmark.Result r : runs) {
                Double target = randomBest.get(r.seed());
                if (target != null && SearchCurves.bestWithin(r, o.budget()) < target) {
                    wins++;
                }
            }
            out.printf(Locale.ROOT, "%-12s %8.4f %8.4f %8.4f (%.4f..%.4f) %6.1f %6s %-22s %-22s %9.4f %10.0f%n",
                    s.getKey(), stats(runs, r -> SearchCurves.bestWithin(r, o.budget() / 4)).getAverage(),
                    stats(runs, r -> SearchCurves.bestWithin(r, o.budget() / 2)).getAverage(),
                    atBudget.getAverage(), atBudget.getMin(), atBudget.getMax(),
                    stats(runs, r -> SearchCurves.evaluationsWithin(r.evaluations(), o.budget())).getAverage(),
                    randomBest.isEmpty() || s.getKey().equals("random") ? "" : wins + "/" + runs.size(),
                    s.getKey().equals("random") ? "" : reach(runs, randomBest),
                    s.getKey().equals("async") ? "" : reach(runs, asyncBest),
                    stats(runs, SearchReport::testAccuracy).getAverage(), stats(runs, SearchReport::params).getAverage());
        }
        DoubleSummaryStatistics baseline = baselines.stream()
                .mapToDouble(b -> b.path("testAccuracy").path("avg").asDouble()).summaryStatistics();
        long baselineParams = baselines.isEmpty() ? 0
                : baselines.get(0).path("results").path(0).path("trainableParams").asLong();
        out.printf(Locale.ROOT, "%-12s %8s %8s %24s %6s %6s %-22s %-22s %9.4f %10d%n", "baseline", "", "", "", "", "",
                "", "", baseline.getAverage(), baselineParams);
        for (SearchBenchmark.Result r : results) {
            if (r.inheritedFinal() != null) {
                out.printf(Locale.ROOT, "%-12s seed %d: the chosen network trained on from its inherited weights: test "
                                + "accuracy %.4f (from fresh weights %.4f)%n", r.strategy(), r.seed(),
                        r.inheritedFinal().path("testAccuracy").path("avg").asDouble(), testAccuracy(r));
            }
        }
        out.printf(Locale.ROOT, "(test accuracy: %d epoch(s) on the whole training set; written %s)%n",
                o.finalEpochs(), o.out());
    }

    /** Each seed's best loss at the budget under a reference strategy (empty when it did not run). */
    private static Map<Long, Double> bestAtBudget(List<SearchBenchmark.Result> reference, double budget) {
        Map<Long, Double> best = new LinkedHashMap<>();
        if (reference != null) {
            reference.forEach(r -> best.put(r.seed(), SearchCurves.bestWithin(r, budget)));
        }
        return best;
    }

    /** Per seed, the evaluator-seconds a run needed to reach the reference's best of that seed ("-": never). */
    static String reach(List<SearchBenchmark.Result> runs, Map<Long, Double> targets) {
        List<String> parts = new ArrayList<>();
        for (SearchBenchmark.Result r : runs) {
            Double target = targets.get(r.seed());
            if (target == null || Double.isNaN(target)) {
                continue;
            }
            OptionalDouble t = SearchCurves.secondsToReach(r.evaluations(), target, r.topRung());
            parts.add(t.isPresent() ? String.format(Locale.ROOT, "%.0f", t.getAsDouble()) : "-");
        }
        return String.join(",", parts);
    }

    private static DoubleSummaryStatistics stats(List<SearchBenchmark.Result> runs,
                                                 java.util.function.ToDoubleFunction<SearchBenchmark.Result> f) {
        return runs.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).summaryStatistics();
    }

    private static double testAccuracy(SearchBenchmark.Result r) {
        return r.finalTraining() == null ? Double.NaN : r.finalTraining().path("testAccuracy").path("avg").asDouble();
    }

    private static double params(SearchBenchmark.Result r) {
        return r.chosen().path("trainableParams").asDouble();
    }

    static String curvesCsv(Map<String, List<SearchBenchmark.Result>> byStrategy, double budget) {
        StringBuilder sb = new StringBuilder("strategy,evaluator_seconds,mean,min,max,runs\n");
        for (Map.Entry<String, List<SearchBenchmark.Result>> s : byStrategy.entrySet()) {
            for (int i = 1; i <= GRID; i++) {
                double t = budget * i / GRID;
                DoubleSummaryStatistics st = stats(s.getValue(), r -> SearchCurves.bestWithin(r, t));
                if (st.getCount() > 0) {
                    sb.append(String.format(Locale.ROOT, "%s,%.1f,%.5f,%.5f,%.5f,%d%n", s.getKey(), t,
                            st.getAverage(), st.getMin(), st.getMax(), st.getCount()));
                }
            }
        }
        return sb.toString();
    }

    static String summaryCsv(List<SearchBenchmark.Result> results, double budget) {
        StringBuilder sb = new StringBuilder("strategy,seed,run,evaluations,cache_hits,promotions,stopped,"
                + "surrogate_rank_correlation,evaluator_seconds,best_loss_within_budget,chosen_loss,chosen_params,"
                + "chosen_flops,test_accuracy\n");
        for (SearchBenchmark.Result r : results) {
            JsonNode counts = r.status().path("evaluations");
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%d,%d,%s,%.1f,%.5f,%.5f,%d,%d,%.5f%n", r.strategy(),
                    r.seed(), r.runId(), counts.path("completed").asLong(), counts.path("cacheHits").asLong(),
                    counts.path("promotions").asLong(), counts.path("stopped").asLong(),
                    counts.path("surrogateRankCorrelation").isNumber()
                            ? String.format(Locale.ROOT, "%.3f", counts.path("surrogateRankCorrelation").asDouble()) : "",
                    counts.path("evaluatorSeconds").asDouble(),
                    SearchCurves.bestWithin(r, budget), r.chosen().path("loss").asDouble(),
                    r.chosen().path("trainableParams").asLong(), r.chosen().path("flops").asLong(),
                    testAccuracy(r)));
        }
        return sb.toString();
    }

    /** Mean best-so-far loss per strategy with its min..max band over seeds. */
    static String svg(Map<String, List<SearchBenchmark.Result>> byStrategy, double budget, String dataset) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<SearchBenchmark.Result>> s : byStrategy.entrySet()) {
            YIntervalSeries series = new YIntervalSeries(s.getKey());
            for (int i = 1; i <= GRID; i++) {
                double t = budget * i / GRID;
                DoubleSummaryStatistics st = stats(s.getValue(), r -> SearchCurves.bestWithin(r, t));
                if (st.getCount() == s.getValue().size()) { // every seed has a result by then
                    series.add(t, st.getAverage(), st.getMin(), st.getMax());
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Best cross-validation loss within the budget (" + dataset
                        + ")", "evaluator-seconds", "best loss so far (mean, min..max over seeds)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.12f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = COLOURS[i % COLOURS.length];
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        SVGGraphics2D g = new SVGGraphics2D(880, 520);
        chart.draw(g, new Rectangle(0, 0, 880, 520));
        return g.getSVGDocument();
    }
}
