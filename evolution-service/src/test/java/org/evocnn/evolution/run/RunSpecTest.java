package org.evocnn.evolution.run;

import org.evocnn.engine.process.Mode;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSpecTest {

    @Test
    void anEmptyBodyGivesThePapersDefaults() {
        assertThat(RunSpec.fromJson("")).isEqualTo(RunSpec.defaults());
        assertThat(RunSpec.defaults().evolution().popSize()).isEqualTo(20);
        assertThat(RunSpec.defaults().task().folds()).isEqualTo(3);
    }

    @Test
    void givenFieldsOverrideDefaultsFieldByField() {
        RunSpec spec = RunSpec.fromJson("""
                {"task": {"dataset": "fashion-mnist", "epochs": 2},
                 "evolution": {"mode": "sync", "searchSpace": {"filters": {"min": 8, "max": 16}},
                               "variation": {"crossover": 0.5}}}""");

        assertThat(spec.task().dataset()).isEqualTo("fashion-mnist");
        assertThat(spec.task().epochs()).isEqualTo(2);
        assertThat(spec.task().batchSize()).isEqualTo(128);
        assertThat(spec.evolution().mode()).isEqualTo(Mode.SYNC);
        assertThat(spec.evolution().searchSpace().filters().max()).isEqualTo(16);
        assertThat(spec.evolution().searchSpace().kernelSize().max()).isEqualTo(5);
        assertThat(spec.evolution().variation().crossover()).isEqualTo(0.5);
        assertThat(spec.evolution().variation().mutation()).isEqualTo(0.2);
        assertThat(RunSpec.fromJson(ModelJson.write(spec))).isEqualTo(spec);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> RunSpec.fromJson("{\"evolution\": {\"popSize\": 1}}"))
                .isInstanceOf(InvalidJsonException.class).hasMessage("evolution.popSize: 1 is outside 2..100000");
        assertThatThrownBy(() -> RunSpec.fromJson("{\"evolution\": {\"popsize\": 30}}"))
                .hasMessageStartingWith("evolution.popsize: unknown field");
        assertThatThrownBy(() -> RunSpec.fromJson("{\"task\": {\"dataset\": \"cifar10\"}}"))
                .hasMessage("task.dataset: unknown data set 'cifar10', known: fashion-mnist, mnist");
        assertThatThrownBy(() -> RunSpec.fromJson("[1]")).hasMessage("expected a JSON object");
    }
}
