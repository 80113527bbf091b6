package org.evocnn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.engine.process.Mode;
import org.evocnn.engine.process.Termination;
import org.evocnn.engine.space.IntRange;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The option table is the spec's JSON: every field written belongs to exactly one option, every option is documented
 * in docs/run-options.md, and a partial spec built from options reads back as those values over the defaults.
 */
class RunOptionsTest {

    @Test
    void everyWrittenFieldBelongsToExactlyOneOption() {
        List<String> leaves = new ArrayList<>();
        leaves(RunSpecJson.write(RunSpec.defaults()), "", leaves);
        for (String leaf : leaves) {
            assertThat(RunOptions.all().stream().filter(o -> leaf.equals(o.path()) || leaf.startsWith(o.path() + "."))
                    .count()).as(leaf).isEqualTo(1);
        }
        for (RunOption<?> option : RunOptions.all()) {
            assertThat(leaves).as(option.path()).anyMatch(l -> l.equals(option.path())
                    || l.startsWith(option.path() + ".") || option == RunOptions.FIDELITY_RUNGS);
        }
        assertThat(RunOptions.all()).extracting(RunOption::path).doesNotHaveDuplicates();
    }

    @Test
    void everyOptionIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("../docs/run-options.md"));
        for (RunOption<?> option : RunOptions.all()) {
            assertThat(docs).as(option.path()).contains("`" + option.path() + "`");
            for (RunOption.Choice choice : option.choices()) {
                assertThat(docs).as(option.path() + " " + choice.value()).contains("`" + choice.value() + "`");
            }
        }
    }

    @Test
    void aPartialSpecReadsBackOverTheDefaults() {
        PartialSpec partial = new PartialSpec()
                .set(RunOptions.TASK, new TrainingTask("fashion-mnist", 2, 1, 64, Optimizer.ADAM, 0.002, 600, 4))
                .set(RunOptions.MODE, "regularized").set(RunOptions.FITNESS_CACHE, true)
                .set(RunOptions.KERNEL_SIZE, IntRange.of(2, 4))
                .set(RunOptions.TERMINATION, new Termination(50, 0, null, 120));
        RunSpec spec = RunSpecJson.readRequest(partial.toString());
        assertThat(spec.task().optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(spec.evolution().mode()).isEqualTo(Mode.REGULARIZED);
        assertThat(spec.evolution().fitnessCache()).isTrue();
        assertThat(spec.evolution().searchSpace().kernelSize()).isEqualTo(IntRange.of(2, 4));
        assertThat(spec.evolution().termination().maxEvaluatorSeconds()).isEqualTo(120);
        assertThat(spec.evolution().popSize()).as("left to the default").isEqualTo(RunSpec.defaults().evolution()
                .popSize());
        for (RunOption<?> option : RunOptions.all()) {
            JsonNode written = partial.json().at(option.pointer());
            if (!written.isMissingNode()) {
                assertThat(RunSpecJson.write(spec).at(option.pointer())).as(option.path()).isEqualTo(written);
            }
        }
    }

    @Test
    void aChoiceMustBeOneOfItsNames() {
        assertThatThrownBy(() -> new PartialSpec().set(RunOptions.MODE, "swarm"))
                .isInstanceOf(FieldException.class)
                .hasMessageContaining("unknown mode 'swarm', allowed: async, sync, random, regularized, islands");
        assertThat(RunOptions.MODE.choices()).extracting(RunOption.Choice::value)
                .containsExactly("async", "sync", "random", "regularized", "islands");
        assertThat(RunOptions.MODE.choices()).hasSize(Mode.values().length);
    }

    private static void leaves(JsonNode node, String path, List<String> out) {
        if (!node.isObject()) {
            out.add(path);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            leaves(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out);
        }
    }
}
