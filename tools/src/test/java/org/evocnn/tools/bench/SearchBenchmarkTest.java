package org.evocnn.tools.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SearchBenchmarkTest {

    @Test
    void anEarlierStartsSearchesAreFoundByStrategyAndSeed(@TempDir Path out) throws Exception {
        assertThat(SearchBenchmark.searched(out)).isEmpty();
        Files.writeString(out.resolve(SearchBenchmark.SEARCHES),
                "strategy,seed,runId\nasync,1,run-a\nrandom,1,run-b\nasync,2,run-c\nbroken line\n");

        assertThat(SearchBenchmark.searched(out)).containsExactly(
                java.util.Map.entry("async,1", "run-a"), java.util.Map.entry("random,1", "run-b"),
                java.util.Map.entry("async,2", "run-c"));
    }

    @Test
    void everyStrategyHasSettingsAndRandomSearchBreedsNothing() throws Exception {
        SearchBenchmark.Options o = SearchBenchmark.parse(new String[] {"--subset", "900", "--folds", "3"});
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String strategy : SearchBenchmark.STRATEGIES) {
            assertThat(SearchBenchmark.settings(strategy, o)).startsWith("\"mode\": ");
            assertThat(json.readTree("{" + SearchBenchmark.settings(strategy, o) + "}").isObject()).isTrue();
        }
        assertThat(SearchBenchmark.settings("random-hyper", o)).contains("\"mode\": \"random\"", "evolveTraining");
        // halving's rungs: a ninth and a third of the task's 900 images
        assertThat(SearchBenchmark.settings("halving", o)).contains("{\"trainingSubset\": 100}",
                "{\"trainingSubset\": 300}");
        var adjusted = json.readTree("{" + SearchBenchmark.settings("halving-adjusted", o) + "}").path("fidelity");
        assertThat(adjusted.path("selection").asText()).isEqualTo("adjusted");
        assertThat(adjusted.path("rungs")).hasSize(2);
    }
}
