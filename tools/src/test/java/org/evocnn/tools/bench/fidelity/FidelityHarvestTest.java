package org.evocnn.tools.bench.fidelity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign's sample grows by the best members of real searches' populations, once each, never twice. */
class FidelityHarvestTest {

    private static void snapshot(Path dir, String runId, String when, Object... sequenceLossGenome) throws Exception {
        ObjectNode s = ModelJson.mapper().createObjectNode().put("runId", runId).put("strategy", "async")
                .put("seed", 2).put("when", when);
        ArrayNode population = s.putArray("population");
        for (int i = 0; i < sequenceLossGenome.length; i += 3) {
            population.addObject().put("sequence", (Integer) sequenceLossGenome[i])
                    .put("loss", (Double) sequenceLossGenome[i + 1])
                    .set("genome", ModelJson.mapper().valueToTree(sequenceLossGenome[i + 2]));
        }
        Files.writeString(dir.resolve(runId + "." + when + ".json"), ModelJson.mapper().writeValueAsString(s));
    }

    @Test
    void theLowestLossNewArchitecturesOfEachSnapshotAreAddedOnce(@TempDir Path dir) throws Exception {
        Genome paper = ReferenceNetwork.MNIST_BASELINE.genome();
        Genome a = ReferenceNetwork.MNIST_EVOLVED.genome();
        Genome b = ReferenceNetwork.FASHION_EVOLVED.genome();
        Genome c = ReferenceNetwork.FASHION_BASELINE.genome();
        List<FidelitySample> sample = List.of(new FidelitySample("mnist-baseline", "paper", 600_810, paper));
        // early: the paper's network (already in the sample) has the lowest loss; then a, then b
        snapshot(dir, "run-1", "early", 3, 0.50, paper, 7, 0.60, a, 9, 0.70, b);
        // late: a again (taken already), then c
        snapshot(dir, "run-1", "late", 40, 0.30, a, 41, 0.35, c);
        Files.writeString(dir.resolve("searches.csv"), "not a snapshot");

        List<FidelitySample> grown = FidelitySample.harvest(sample, dir, 2);

        assertThat(grown).extracting(FidelitySample::name)
                .containsExactly("mnist-baseline", "h-async-s2-7", "h-async-s2-9", "h-async-s2-41");
        assertThat(grown).extracting(FidelitySample::kind).containsExactly("paper", "early", "early", "late");
        assertThat(grown.get(1).trainableParams()).isEqualTo(431_659L);
        assertThat(FidelitySample.harvest(grown, dir, 2)).as("harvesting again adds nothing").isEqualTo(grown);
        assertThat(FidelitySample.harvest(sample, dir, 1)).extracting(FidelitySample::name)
                .containsExactly("mnist-baseline", "h-async-s2-7", "h-async-s2-41");
    }
}
