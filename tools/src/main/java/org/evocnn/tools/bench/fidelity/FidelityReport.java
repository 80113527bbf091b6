package org.evocnn.tools.bench.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.engine.surrogate.RankCorrelation;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fidelity study's table: per proxy, on the genomes that both it and the reference measured, Spearman's rho of the
 * proxy's ranking (lower loss first) with the reference's (higher test accuracy first), and the mean evaluator-seconds
 * per genome; the check of the reference against longer training; written as {@code fidelity.csv} and
 * {@code fidelity.svg} (rho against seconds per genome).
 */
final class FidelityReport {

    /** One row of the table. */
    record Row(String measure, int genomes, double rho, double secondsPerGenome) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Row check;
    private final String dataset;
    private final FidelityMeasure reference;
    private final int failed;

    FidelityReport(List<FidelitySample> sample, Map<String, JsonNode> done, FidelityMeasure reference,
                   FidelityMeasure check, List<FidelityMeasure> proxies, String dataset) {
        this.dataset = dataset;
        this.reference = reference;
        for (FidelityMeasure p : proxies) {
            rows.add(row(p.name(), sample, done, reference.name(), false));
        }
        rows.add(row(reference.name(), sample, done, reference.name(), true)); // rho 1: the row is for its cost
        this.check = row(check.name(), sample, done, reference.name(), true);
        this.failed = (int) done.values().stream().filter(n -> !"ok".equals(n.path("status").asText())).count();
    }

    /**
     * A measure against the reference: rho of (-loss) with the reference's test accuracy, or for the check, of the
     * check's test accuracy with the reference's.
     */
    private static Row row(String measure, List<FidelitySample> sample, Map<String, JsonNode> done, String reference,
                           boolean byAccuracy) {
        List<double[]> pairs = new ArrayList<>();
        double seconds = 0;
        int timed = 0;
        for (FidelitySample g : sample) {
            JsonNode m = done.get(FidelityBenchmark.key(g.name(), measure));
            if (m != null) {
                seconds += m.path("seconds").asDouble();
                timed++;
            }
            JsonNode r = done.get(FidelityBenchmark.key(g.name(), reference));
            if (ok(m) && ok(r)) {
                double proxy = byAccuracy ? m.path("accuracy").asDouble() : -m.path("loss").asDouble();
                pairs.add(new double[] {proxy, r.path("accuracy").asDouble()});
            }
        }
        double rho = pairs.size() < 3 ? Double.NaN : RankCorrelation.spearman(
                pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
        return new Row(measure, pairs.size(), rho, timed == 0 ? Double.NaN : seconds / timed);
    }

    private static boolean ok(JsonNode n) {
        return n != null && "ok".equals(n.path("status").asText());
    }

    List<Row> rows() {
        return rows;
    }

    Row check() {
        return check;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nfidelity on %s against %s (test accuracy):%n", dataset, reference.name());
        out.printf(Locale.ROOT, "%-18s %8s %10s %16s%n", "measure", "genomes", "spearman", "seconds/genome");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-18s %8d %10.3f %16.1f%n", r.measure(), r.genomes(), r.rho(),
                    r.secondsPerGenome());
        }
        if (check.genomes() > 0) {
            out.printf(Locale.ROOT, "check: %s against %s on %d genomes: spearman %.3f (goal >= 0.9)%n",
                    check.measure(), reference.name(), check.genomes(), check.rho());
        }
        if (failed > 0) {
            out.printf(Locale.ROOT, "(%d measurements failed; see measurements.jsonl)%n", failed);
        }
    }

    void write(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("measure,genomes,spearman,seconds_per_genome\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.2f%n", r.measure(), r.genomes(), r.rho(),
                    r.secondsPerGenome()));
        }
        if (check.genomes() > 0) {
            csv.append(String.format(Locale.ROOT, "%s (check),%d,%.4f,%.2f%n", check.measure(), check.genomes(),
                    check.rho(), check.secondsPerGenome()));
        }
        Files.writeString(dir.resolve("fidelity.csv"), csv);
        Files.writeString(dir.resolve("fidelity.svg"), svg());
    }

    /** Each proxy as a point: seconds per genome (log scale) against its rank correlation with the reference. */
    private String svg() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Row r : rows) {
            if (!Double.isNaN(r.rho()) && r.secondsPerGenome() > 0 && !r.measure().equals(reference.name())) {
                XYSeries s = new XYSeries(r.measure());
                s.add(r.secondsPerGenome(), r.rho());
                data.addSeries(s);
            }
        }
        JFreeChart chart = ChartFactory.createScatterPlot("Fitness proxies against " + reference.name() + " ("
                + dataset + ")", "evaluator-seconds per genome", "Spearman rho with the reference", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(new LogAxis("evaluator-seconds per genome (log)"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        plot.setRenderer(renderer);
        SVGGraphics2D g = new SVGGraphics2D(760, 480);
        chart.draw(g, new Rectangle(0, 0, 760, 480));
        return g.getSVGDocument();
    }
}
