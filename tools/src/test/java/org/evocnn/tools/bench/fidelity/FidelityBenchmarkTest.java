package org.evocnn.tools.bench.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fidelity study's sample, its resumable measurements and its rank correlations (no training here). */
class FidelityBenchmarkTest {

    @Test
    void theCommittedSampleHasThePapersNetworksTheirOffspringAndRandomGenomes() throws Exception {
        List<FidelitySample> sample = FidelitySample.load();
        assertThat(sample).hasSize(40);
        assertThat(sample).extracting(FidelitySample::name).doesNotHaveDuplicates();
        assertThat(sample.stream().filter(s -> s.kind().equals("paper"))).extracting(FidelitySample::name)
                .containsExactly("mnist-baseline", "mnist-evolved", "fashion-baseline", "fashion-evolved");
        assertThat(sample.stream().filter(s -> s.kind().equals("offspring"))).hasSize(6);
        assertThat(sample.stream().filter(s -> s.kind().equals("random"))).hasSize(30);
        assertThat(sample).allSatisfy(s -> assertThat(NetworkAnalyzer.analyze(s.genome()).trainableParams())
                .as(s.name()).isEqualTo(s.trainableParams()));
        // the generator still makes the committed sample (a changed breeder would show here)
        assertThat(FidelitySample.generate(6, 30, 2026)).isEqualTo(sample);
    }

    @Test
    void rhoIsOneForAProxyThatRanksAsTheReferenceAndMinusOneReversed(@TempDir Path dir) throws Exception {
        List<FidelitySample> sample = FidelitySample.load().subList(0, 5);
        FidelityMeasure reference = FidelityMeasure.reference(0, 5);
        Path file = dir.resolve("measurements.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < sample.size(); i++) {
            String g = sample.get(i).name();
            double accuracy = 0.80 + i * 0.01;
            lines.append(line(g, reference.name(), 1 - accuracy, accuracy, 100));
            lines.append(line(g, "cv-2000x1", 1.0 - i * 0.1, 0.5, 10)); // lower loss where accuracy is higher
            lines.append(line(g, "holdout-2000x1", 0.5 + i * 0.1, 0.5, 6)); // reversed
        }
        lines.append("{\"genome\": \"torn");
        Files.writeString(file, lines);

        Map<String, JsonNode> done = FidelityBenchmark.read(file);
        assertThat(done).hasSize(15);
        FidelityReport report = new FidelityReport(sample, done, reference, FidelityMeasure.reference(0, 20),
                FidelityMeasure.proxies().subList(1, 3), "fashion-mnist");
        Map<String, FidelityReport.Row> rows = new LinkedHashMap<>();
        report.rows().forEach(r -> rows.put(r.measure(), r));
        assertThat(rows.get("cv-2000x1").rho()).isCloseTo(1, within(1e-12));
        assertThat(rows.get("cv-2000x1").secondsPerGenome()).isCloseTo(10, within(1e-12));
        assertThat(rows.get("holdout-2000x1").rho()).isCloseTo(-1, within(1e-12));
        assertThat(rows.get("holdout-2000x1").genomes()).isEqualTo(5);
        assertThat(report.check().genomes()).isZero();
        report.write(dir);
        assertThat(Files.readString(dir.resolve("fidelity.csv"))).contains("cv-2000x1,5,1.0000,10.00");
        assertThat(Files.readString(dir.resolve("fidelity.svg"))).startsWith("<?xml").contains("cv-2000x1");
    }

    private static String line(String genome, String measure, double loss, double accuracy, double seconds)
            throws Exception {
        return ModelJson.mapper().writeValueAsString(ModelJson.mapper().createObjectNode().put("genome", genome)
                .put("measure", measure).put("status", "ok").put("loss", loss).put("accuracy", accuracy)
                .put("seconds", seconds)) + "\n";
    }
}
