package org.evocnn.tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The files a local run leaves in its run directory. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    static void write(Path dir, JsonNode status, JsonNode best, JsonNode evolvedFinal, JsonNode baselineFinal,
                      List<JsonNode> evaluations, JsonNode spec) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("evaluations.csv"), csv(evaluations));
        ObjectNode summary = JSON.createObjectNode();
        summary.set("status", status);
        summary.set("spec", spec);
        summary.set("best", best);
        summary.set("finalEvolved", evolvedFinal);
        summary.set("finalBaseline", baselineFinal);
        Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
        Files.writeString(dir.resolve("fitness.svg"), svg(evaluations));
        if (!best.path("front").isEmpty()) {
            Files.writeString(dir.resolve("front.svg"), frontSvg(evaluations, best.path("front")));
        }
    }

    /** Loss against parameters of every ok evaluation (dots) with the Pareto front drawn through its members. */
    static String frontSvg(List<JsonNode> evaluations, JsonNode front) {
        XYSeries all = new XYSeries("evaluations", false);
        for (JsonNode e : evaluations) {
            if ("ok".equals(e.path("status").asText()) && e.path("trainableParams").asLong() > 0) {
                all.add(e.path("trainableParams").asDouble(), e.path("fitness").path("loss").asDouble());
            }
        }
        XYSeries members = new XYSeries("Pareto front", true);
        front.forEach(m -> members.add(m.path("trainableParams").asDouble(), m.path("loss").asDouble()));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(members);
        data.addSeries(all);
        JFreeChart chart = ChartFactory.createScatterPlot("Loss against size, with the Pareto front",
                "trainable parameters", "mean cross-validation loss", data);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(new LogAxis("trainable parameters"));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true); // the front as a line through its members
        renderer.setSeriesPaint(0, new Color(0xc0392b));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesPaint(1, new Color(0x4a7ebb));
        renderer.setSeriesShape(1, new Ellipse2D.Double(-2, -2, 4, 4));
        plot.setRenderer(renderer);
        SVGGraphics2D g = new SVGGraphics2D(720, 480);
        chart.draw(g, new Rectangle(0, 0, 720, 480));
        return g.getSVGDocument();
    }

    static String csv(List<JsonNode> evaluations) {
        StringBuilder sb = new StringBuilder("index,evaluation_id,status,loss,accuracy,trainable_params,wall_seconds,host,error,"
                + "cached_from,rung,epoch_losses,inherited_params,lineage_epochs\n");
        int i = 0;
        for (JsonNode e : evaluations) {
            JsonNode f = e.path("fitness");
            sb.append(++i).append(',').append(e.path("evaluationId").asText()).append(',')
                    .append(e.path("status").asText()).append(',')
                    .append(f.isMissingNode() ? "" : f.path("loss").asText()).append(',')
                    .append(f.isMissingNode() ? "" : f.path("accuracy").asText()).append(',')
                    .append(e.path("trainableParams").asText("")).append(',')
                    .append(e.path("wallSeconds").asText()).append(',')
                    .append(e.path("evaluator").path("host").asText("")).append(',')
                    .append(quote(e.path("error").asText(""))).append(',')
                    .append(e.path("cachedFrom").asText("")).append(',')
                    .append(e.path("rung").asText("")).append(',')
                    .append(curves(e.path("epochLosses"))).append(',')
                    .append(e.path("inherited").path("params").asText("")).append(',')
                    .append(e.path("inherited").path("lineageEpochs").asText("")).append('\n');
        }
        return sb.toString();
    }

    /** Learning curves as {@code fold1epoch1;fold1epoch2|fold2epoch1;...}; empty without them. */
    static String curves(JsonNode folds) {
        List<String> parts = new ArrayList<>();
        folds.forEach(curve -> {
            List<String> losses = new ArrayList<>();
            curve.forEach(l -> losses.add(String.format(Locale.ROOT, "%.4f", l.asDouble())));
            parts.add(String.join(";", losses));
        });
        return String.join("|", parts);
    }

    private static String quote(String text) {
        return text.isEmpty() ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Loss of every ok evaluation (dots) and the best so far (line), over the evaluations: the paper's Figure 5. */
    static String svg(List<JsonNode> evaluations) {
        List<double[]> points = new ArrayList<>();
        int index = 0;
        for (JsonNode e : evaluations) {
            index++;
            if ("ok".equals(e.path("status").asText())) {
                points.add(new double[] {index, e.path("fitness").path("loss").asDouble()});
            }
        }
        int width = 720;
        int height = 420;
        int left = 60;
        int bottom = 40;
        int top = 30;
        int right = 20;
        double maxX = Math.max(1, index);
        // diverged networks score losses far above the rest: cap the axis at 3 x the median, clamp them to the top
        double[] sorted = points.stream().mapToDouble(p -> p[1]).sorted().toArray();
        double maxY = sorted.length == 0 ? 1 : Math.min(sorted[sorted.length - 1], 3 * sorted[sorted.length / 2]);
        double minY = 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">Fitness (mean cross-validation loss) over evaluations</text>%n", left));
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, height - bottom, width - right, height - bottom));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, top, left, height - bottom));
        for (int t = 0; t <= 4; t++) {
            double y = minY + (maxY - minY) * t / 4;
            double py = height - bottom - plotH * t / 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3f</text>%n",
                    left - 5, py + 4, y));
            double x = maxX * t / 4;
            double px = left + plotW * t / 4;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n",
                    px, height - bottom + 16, x));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">evaluation</text>%n",
                left + plotW / 2, height - 5));
        StringBuilder bestLine = new StringBuilder();
        double best = Double.MAX_VALUE;
        for (double[] p : points) {
            double px = left + plotW * p[0] / maxX;
            double py = height - bottom - plotH * (Math.min(p[1], maxY) - minY) / (maxY - minY == 0 ? 1 : maxY - minY);
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#4a7ebb\"/>%n", px, py));
            best = Math.min(best, p[1]);
            double by = height - bottom - plotH * (best - minY) / (maxY - minY == 0 ? 1 : maxY - minY);
            bestLine.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, by));
        }
        sb.append("<polyline fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"")
                .append(bestLine.toString().strip()).append("\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#c0392b\">best so far</text>%n",
                width - right - 90, top + 15));
        sb.append("</svg>\n");
        return sb.toString();
    }
}
