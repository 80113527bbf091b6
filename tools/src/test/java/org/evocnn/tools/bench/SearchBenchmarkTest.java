package org.evocnn.tools.bench;

import org.evocnn.engine.fidelity.Rung;
import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.process.Mode;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void everyStrategyMakesASpecTheServiceReads() {
        SearchBenchmark.Options o = SearchBenchmark.parse(new String[] {"--subset", "900", "--folds", "3"});
        for (SearchStrategy strategy : SearchStrategy.values()) {
            RunSpec spec = RunSpecJson.readRequest(SearchStrategy.spec(strategy, o, 7).toString());
            assertThat(spec.evolution().seed()).isEqualTo(7);
            assertThat(spec.task().trainingSubset()).isEqualTo(900);
            assertThat(spec.evolution().termination().maxEvaluatorSeconds()).isEqualTo(o.budget());
        }
        RunSpec islands = RunSpecJson.read(SearchStrategy.spec(SearchStrategy.ISLANDS, o, 1).toString());
        assertThat(islands.evolution().mode()).isEqualTo(Mode.ISLANDS);
        assertThat(islands.evolution().islands().count()).isEqualTo(4);
        assertThat(islands.evolution().popSize()).isEqualTo(10);
        RunSpec inherit = RunSpecJson.read(SearchStrategy.spec(SearchStrategy.INHERIT, o, 1).toString());
        assertThat(inherit.evolution().inheritance()).isTrue();
        assertThat(inherit.evolution().mode()).isEqualTo(Mode.ASYNC);
        assertThat(RunSpecJson.read(SearchStrategy.spec(SearchStrategy.ASYNC, o, 1).toString()).evolution()
                .inheritance()).isFalse();
        RunSpec randomHyper = RunSpecJson.read(SearchStrategy.spec(SearchStrategy.RANDOM_HYPER, o, 1).toString());
        assertThat(randomHyper.evolution().mode()).isEqualTo(Mode.RANDOM);
        assertThat(randomHyper.evolution().searchSpace().training()).isNotNull();
        // halving's rungs: a ninth and a third of the task's 900 images
        RunSpec halving = RunSpecJson.read(SearchStrategy.spec(SearchStrategy.HALVING_ADJUSTED, o, 1).toString());
        assertThat(halving.rungs()).extracting(Rung::trainingSubset).containsExactly(100, 300);
        assertThat(halving.evolution().fidelity().selection()).isEqualTo(SuccessiveHalving.Selection.ADJUSTED);
        assertThatThrownBy(() -> SearchBenchmark.parse(new String[] {"--strategies", "async,bogus"}))
                .hasMessageContaining("unknown strategy bogus");
    }
}
