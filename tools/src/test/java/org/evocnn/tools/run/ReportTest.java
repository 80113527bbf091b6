package org.evocnn.tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode result(String id, String status, double loss) throws Exception {
        return JSON.readTree(status.equals("ok")
                ? "{\"evaluationId\":\"%s\",\"status\":\"ok\",\"fitness\":{\"loss\":%s,\"accuracy\":0.9},\"trainableParams\":10,\"wallSeconds\":1.5,\"evaluator\":{\"host\":\"h\"}}".formatted(id, loss)
                : "{\"evaluationId\":\"%s\",\"status\":\"%s\",\"wallSeconds\":0,\"error\":\"bad, \\\"really\\\"\"}".formatted(id, status));
    }

    @Test
    void writesCsvSummaryAndAFitnessPlot(@TempDir Path dir) throws Exception {
        List<JsonNode> evaluations = List.of(result("r-1", "ok", 0.5), result("r-2", "invalid", 0), result("r-3", "ok", 0.25),
                result("r-4", "ok", 0.4));

        Report.write(dir, JSON.readTree("{\"state\":\"finished\"}"), JSON.readTree("{}"), JSON.readTree("{}"),
                JSON.readTree("{}"), evaluations, JSON.readTree("{}"));

        List<String> csv = Files.readAllLines(dir.resolve("evaluations.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(1)).isEqualTo("1,r-1,ok,0.5,0.9,10,1.5,h,,,,,,");
        assertThat(csv.get(2)).isEqualTo("2,r-2,invalid,,,,0,,\"bad, \"\"really\"\"\",,,,,");
        assertThat(dir.resolve("front.svg")).doesNotExist(); // no front without a Pareto objective
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile()).path("status").path("state").asText())
                .isEqualTo("finished");
        String svg = Files.readString(dir.resolve("fitness.svg"));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<circle", -1)).hasSize(4); // three ok evaluations
        // best-so-far line: 0.5, 0.25, 0.25 -> the last two points share a height
        String line = svg.substring(svg.indexOf("points=\"") + 8, svg.indexOf("\"/>", svg.indexOf("points=\"")));
        String[] xy = line.split(" ");
        assertThat(xy).hasSize(3);
        assertThat(xy[1].split(",")[1]).isEqualTo(xy[2].split(",")[1]);
    }

    @Test
    void aParetoRunGetsAFrontPlotAndCacheHitsAreMarked(@TempDir Path dir) throws Exception {
        JsonNode hit = JSON.readTree("{\"evaluationId\":\"r-5\",\"status\":\"ok\",\"fitness\":{\"loss\":0.25},"
                + "\"trainableParams\":10,\"wallSeconds\":0,\"cachedFrom\":\"r-3\",\"rung\":1,"
                + "\"epochLosses\":[[0.5,0.25],[0.4,0.3]],\"inherited\":{\"layers\":2,\"params\":700,"
                + "\"lineageEpochs\":3}}");
        List<JsonNode> evaluations = List.of(result("r-1", "ok", 0.5), result("r-3", "ok", 0.25), hit);
        JsonNode best = JSON.readTree("{\"front\":[{\"loss\":0.25,\"trainableParams\":10},"
                + "{\"loss\":0.3,\"trainableParams\":5}]}");

        Report.write(dir, JSON.readTree("{}"), best, JSON.readTree("{}"), JSON.readTree("{}"), evaluations,
                JSON.readTree("{}"));

        assertThat(Files.readAllLines(dir.resolve("evaluations.csv")).get(3)).isEqualTo("3,r-5,ok,0.25,,10,0,,,r-3,1,0.5000;0.2500|0.4000;0.3000,700,3");
        String svg = Files.readString(dir.resolve("front.svg"));
        assertThat(svg).contains("<svg").endsWith("</svg>\n").contains("Pareto front").contains("trainable parameters");
    }

    @Test
    void optionsHaveDefaultsAndRejectNonsense() {
        LocalRun.Options o = LocalRun.Options.parse(new String[0]);
        assertThat(o.dataset()).isEqualTo("mnist");
        assertThat(o.minutes()).isEqualTo(10);
        assertThat(o.evaluators()).isEqualTo(1);
        assertThat(o.objective()).isEqualTo("loss"); // paper mode unless asked
        assertThat(o.evolveTraining()).isFalse();
        assertThat(o.fitnessCache()).isFalse();
        LocalRun.Options searched = LocalRun.Options.parse(new String[] {"--objective", "pareto", "--evolve-training",
                "--fitness-cache"});
        assertThat(searched.objective()).isEqualTo("pareto");
        assertThat(searched.evolveTraining()).isTrue();
        assertThat(searched.fitnessCache()).isTrue();
        assertThat(searched.halving() || searched.medianStopping() || searched.screening()).isFalse();
        LocalRun.Options cheap = LocalRun.Options.parse(new String[] {"--halving", "--median-stopping", "--screening"});
        assertThat(cheap.halving() && cheap.medianStopping() && cheap.screening()).isTrue();
        assertThat(cheap.islands()).isZero();
        LocalRun.Options islands = LocalRun.Options.parse(new String[] {"--islands", "3"});
        org.evocnn.spec.RunSpec spec = org.evocnn.spec.RunSpecJson.readRequest(LocalRunSession.spec(islands,
                org.evocnn.model.data.DatasetCatalog.MNIST, 120).toString());
        assertThat(spec.evolution().mode()).isEqualTo(org.evocnn.engine.process.Mode.ISLANDS);
        assertThat(spec.evolution().islands().count()).isEqualTo(3);
        assertThat(spec.evolution().popSize()).isEqualTo(5);
        assertThat(spec.evolution().inheritance()).isFalse();
        org.evocnn.spec.RunSpec inheriting = org.evocnn.spec.RunSpecJson.readRequest(LocalRunSession.spec(
                LocalRun.Options.parse(new String[] {"--inherit"}), org.evocnn.model.data.DatasetCatalog.MNIST, 120)
                .toString());
        assertThat(inheriting.evolution().inheritance()).isTrue();
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--inherit", "--median-stopping"}))
                .hasMessageContaining("--inherit is not combined with");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--islands", "1"}))
                .hasMessageContaining("--islands takes 0 (off) or 2 or more");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--islands", "4", "--halving"}))
                .hasMessageContaining("not with --halving");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--objective", "size"}))
                .hasMessageContaining("--objective must be");
        assertThat(LocalRun.Options.parse(new String[] {"--help"})).isNull();
        assertThat(LocalRun.Options.parse(new String[] {"--dataset", "fashion-mnist", "--evaluators", "2"}).evaluators())
                .isEqualTo(2);
        // any plain id parses: users' data sets are known once the data directory is read
        assertThat(LocalRun.Options.parse(new String[] {"--dataset", "cifar"}).dataset()).isEqualTo("cifar");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--dataset", "../etc"}))
                .hasMessageStartingWith("--dataset must be a data set id");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--minutes"}))
                .hasMessageContaining("Missing required parameter for option '--minutes'");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--bogus"}))
                .hasMessageContaining("Unknown option: '--bogus'");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--minutes", "ten"}))
                .hasMessageContaining("'ten' is not a double");
    }
}
