package org.evocnn.spec;

import org.evocnn.engine.fidelity.SuccessiveHalving;
import org.evocnn.engine.population.Objectives;
import org.evocnn.engine.process.Mode;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSpecJsonTest {

    @Test
    void anEmptyBodyGivesThePapersDefaults() {
        assertThat(RunSpecJson.read("")).isEqualTo(RunSpec.defaults());
        assertThat(RunSpec.defaults().evolution().popSize()).isEqualTo(20);
        assertThat(RunSpec.defaults().task().folds()).isEqualTo(3);
        assertThat(RunSpec.defaults().evolution().searchSpace().maxParams())
                .as("the engine breeds nothing the evaluators would refuse").isEqualTo(ResourceCaps.DEFAULT_MAX_PARAMS);
    }

    @Test
    void givenFieldsOverrideDefaultsFieldByField() {
        RunSpec spec = RunSpecJson.read("""
                {"task": {"dataset": "fashion-mnist", "epochs": 2},
                 "evolution": {"mode": "sync", "objective": "accuracy",
                               "searchSpace": {"filters": {"min": 8, "max": 16}},
                               "variation": {"crossover": 0.5}}}""");

        assertThat(spec.task().dataset()).isEqualTo("fashion-mnist");
        assertThat(spec.task().epochs()).isEqualTo(2);
        assertThat(spec.task().batchSize()).isEqualTo(128);
        assertThat(spec.evolution().mode()).isEqualTo(Mode.SYNC);
        assertThat(spec.evolution().objective()).isEqualTo(Objectives.ACCURACY);
        assertThat(spec.evolution().searchSpace().filters().max()).isEqualTo(16);
        assertThat(spec.evolution().searchSpace().kernelSize().max()).isEqualTo(5);
        assertThat(spec.evolution().variation().crossover()).isEqualTo(0.5);
        assertThat(spec.evolution().variation().mutation()).isEqualTo(0.2);
        assertThat(RunSpecJson.read(ModelJson.write(RunSpecJson.write(spec)))).isEqualTo(spec);
        assertThat(RunSpecJson.write(spec).path("evolution").path("mode").asText()).isEqualTo("sync");
    }

    @Test
    void aSpecAsFormatOneJournalsWroteItReadsTheSame() {
        // the engine's records serialised by Jackson: enum names, input and classes spelled out
        RunSpec spec = RunSpecJson.read("""
                {"task":{"dataset":"mnist","folds":2,"epochs":1,"batchSize":128,"optimizer":"rmsprop",
                 "learningRate":0.001,"trainingSubset":1000,"seed":0},
                 "evolution":{"mode":"ASYNC","popSize":6,"minPopSize":3,"maxInFlight":3,"tournamentSize":3,
                 "objective":"LOSS","searchSpace":{"maxParams":0},
                 "termination":{"maxEvaluations":500,"timeBudgetSeconds":600,"targetFitness":null},
                 "input":{"height":28,"width":28,"channels":1},"classes":10,"seed":13}}""");

        assertThat(spec.evolution().mode()).isEqualTo(Mode.ASYNC);
        assertThat(spec.evolution().objective()).isEqualTo(Objectives.LOSS);
        assertThat(spec.evolution().searchSpace().maxParams()).isZero();
        assertThat(spec.evolution().termination().timeBudgetSeconds()).isEqualTo(600);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"popSize\": 1}}"))
                .isInstanceOf(InvalidJsonException.class).hasMessage("evolution.popSize: 1 is outside 2..100000");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"popsize\": 30}}"))
                .hasMessageStartingWith("evolution.popsize: unknown field");
        assertThatThrownBy(() -> RunSpecJson.read("{\"task\": {\"dataset\": \"cifar10\"}}"))
                .hasMessageStartingWith("task.dataset: unknown data set 'cifar10', known: mnist, fashion-mnist");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"mode\": \"swarm\"}}"))
                .hasMessage("evolution.mode: unknown mode 'swarm', allowed: async, sync, random, regularized, islands");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"objective\": \"speed\"}}"))
                .hasMessage("evolution.objective: unknown objective 'speed', known: loss, accuracy, penalised-loss, pareto");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"searchSpace\": {\"filters\": {\"min\": 9, \"max\": 3}}}}"))
                .hasMessage("evolution.searchSpace.filters.min: 9 is greater than max 3");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"variation\": {\"crossover\": 2}}}"))
                .hasMessage("evolution.variation.crossover: 2.0 is outside 0.0..1.0");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"input\": {\"height\": 32, \"width\": 32, \"channels\": 3}}}"))
                .hasMessageStartingWith("evolution.input: follows the data set (28x28x1, 10 classes)");
        assertThatThrownBy(() -> RunSpecJson.read("[1]")).hasMessage("expected a JSON object");
    }

    @Test
    void successiveHalvingRungsAreTheTaskAtLowerFidelities() {
        RunSpec spec = RunSpecJson.readRequest("""
                {"task": {"dataset": "fashion-mnist", "folds": 3, "epochs": 4, "trainingSubset": 6000},
                 "evolution": {"fidelity": {"eta": 4, "rungs": [{"trainingSubset": 600, "epochs": 1, "folds": 2},
                                                                 {"trainingSubset": 2000}]},
                               "termination": {"maxEvaluations": 10}}}""");

        assertThat(spec.evolution().fidelity().rungs()).isEqualTo(3);
        assertThat(spec.evolution().fidelity().eta()).isEqualTo(4);
        assertThat(spec.taskAt(0).trainingSubset()).isEqualTo(600);
        assertThat(spec.taskAt(0).epochs()).isEqualTo(1);
        assertThat(spec.taskAt(0).folds()).isEqualTo(2);
        assertThat(spec.taskAt(1).trainingSubset()).isEqualTo(2000);
        assertThat(spec.taskAt(1).epochs()).as("left out: the task's").isEqualTo(4);
        assertThat(spec.taskAt(1).folds()).isEqualTo(3);
        assertThat(spec.taskAt(2)).isEqualTo(spec.task());
        assertThat(RunSpecJson.read(ModelJson.write(RunSpecJson.write(spec)))).isEqualTo(spec);
        assertThat(spec.evolution().fidelity().selection()).as("top rung only unless asked")
                .isEqualTo(SuccessiveHalving.Selection.TOP);
        assertThat(RunSpec.defaults().evolution().fidelity().enabled()).as("off in paper mode").isFalse();

        RunSpec adjusted = RunSpecJson.read("""
                {"evolution": {"fidelity": {"rungs": [{"trainingSubset": 600}], "selection": "adjusted"}}}""");
        assertThat(adjusted.evolution().fidelity().adjusted()).isTrue();
        assertThat(RunSpecJson.write(adjusted).path("evolution").path("fidelity").path("selection").asText())
                .isEqualTo("adjusted");
        assertThat(RunSpecJson.read(ModelJson.write(RunSpecJson.write(adjusted)))).isEqualTo(adjusted);
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"fidelity": {"selection": "best"}}}"""))
                .hasMessage("evolution.fidelity.selection: unknown selection 'best', allowed: top, adjusted");
        assertThat(RunSpec.defaults().taskAt(0)).isEqualTo(RunSpec.defaults().task());

        assertThatThrownBy(() -> RunSpecJson.readRequest("""
                {"task": {"folds": 2, "trainingSubset": 1000},
                 "evolution": {"fidelity": {"rungs": [{"trainingSubset": 15}]}, "termination": {"maxEvaluations": 5}}}"""))
                .isInstanceOf(InvalidJsonException.class).hasMessageStartingWith("evolution.fidelity.rungs[0].folds: ");
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"mode": "sync", "fidelity": {"rungs": [{"trainingSubset": 500}]}}}"""))
                .hasMessageStartingWith("evolution.fidelity: successive halving needs an asynchronous mode");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"fidelity\": {\"eta\": 1}}}"))
                .hasMessage("evolution.fidelity.eta: 1 is outside 2..100");
    }

    @Test
    void theMedianStoppingRuleIsOffUnlessAsked() {
        assertThat(RunSpec.defaults().stopping()).isNull();
        assertThat(RunSpecJson.write(RunSpec.defaults()).path("evolution").path("earlyStopping").path("rule").asText())
                .isEqualTo("off");
        RunSpec spec = RunSpecJson.read("{\"evolution\": {\"earlyStopping\": {\"rule\": \"median\", \"minResults\": 7}}}");
        assertThat(spec.stopping().minResults()).isEqualTo(7);
        assertThat(RunSpecJson.read(ModelJson.write(RunSpecJson.write(spec)))).isEqualTo(spec);
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"earlyStopping\": {\"rule\": \"hyperband\"}}}"))
                .hasMessage("evolution.earlyStopping.rule: unknown rule 'hyperband', allowed: off, median");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"earlyStopping\": {\"rule\": \"median\", \"minResults\": 0}}}"))
                .hasMessage("evolution.earlyStopping.minResults: 0 is outside 1..100000");
    }

    @Test
    void screeningIsOffUnlessAsked() {
        assertThat(RunSpec.defaults().evolution().screening().enabled()).isFalse();
        RunSpec spec = RunSpecJson.read("{\"evolution\": {\"screening\": {\"candidates\": 8}}}");
        assertThat(spec.evolution().screening().candidates()).isEqualTo(8);
        assertThat(spec.evolution().screening().minResults()).as("default").isEqualTo(20);
        assertThat(RunSpecJson.read(ModelJson.write(RunSpecJson.write(spec)))).isEqualTo(spec);
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"screening\": {\"candidates\": 0}}}"))
                .hasMessage("evolution.screening.candidates: 0 is outside 1..1000");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"mode\": \"sync\", \"screening\": {\"candidates\": 4}}}"))
                .hasMessageStartingWith("evolution.screening: surrogate pre-screening needs an asynchronous mode");
    }

    @Test
    void thePaperPresetIsTodaysDefaultSpecFieldByField() throws Exception {
        RunSpec paper = RunSpecJson.read("{\"preset\": \"paper\"}");
        RunSpec defaults = RunSpec.defaults();
        com.fasterxml.jackson.databind.JsonNode committed = org.evocnn.model.json.ModelJson.mapper().readTree(
                RunSpecJsonTest.class.getResourceAsStream("/presets/paper.json"));
        com.fasterxml.jackson.databind.JsonNode written = RunSpecJson.write(defaults);
        for (RunOption<?> option : RunOptions.all()) {
            assertThat(option.of(paper)).as(option.path()).isEqualTo(option.of(defaults));
            assertThat(committed.at(option.pointer()).toString()).as(option.path())
                    .isEqualTo(written.at(option.pointer()).toString());
        }
        assertThat(paper).isEqualTo(defaults);
        assertThat(RunSpecJson.read("")).as("the default preset").isEqualTo(paper);
        assertThat(paper.evolution().mode()).isEqualTo(org.evocnn.engine.process.Mode.ASYNC);
        assertThat(paper.task().folds()).isEqualTo(3);
        assertThat(paper.task().epochs()).isEqualTo(10);
    }

    @Test
    void aPresetsFieldsAreOverriddenByTheRequestsAndUnknownPresetsNamed() {
        RunSpec spec = RunSpecJson.read("{\"preset\": \"PAPER\", \"evolution\": {\"popSize\": 12}}");
        assertThat(spec.preset()).isEqualTo("paper");
        assertThat(spec.evolution().popSize()).isEqualTo(12);
        assertThat(spec.evolution().minPopSize()).as("the preset's").isEqualTo(10);
        assertThat(RunSpecJson.write(spec).path("preset").asText()).isEqualTo("paper");
        assertThat(RunSpecJson.read(RunSpecJson.write(spec))).isEqualTo(spec);
        assertThatThrownBy(() -> RunSpecJson.read("{\"preset\": \"fast\"}"))
                .hasMessage("preset: unknown preset 'fast', allowed: paper");
    }

    @Test
    void theIslandModelsOptionsReadWriteAndAreNamedInErrors() {
        RunSpec spec = RunSpecJson.read("""
                {"evolution": {"mode": "Islands", "islands": {"count": 5, "topology": "RANDOM"}}}""");
        assertThat(spec.evolution().mode()).isEqualTo(org.evocnn.engine.process.Mode.ISLANDS);
        assertThat(spec.evolution().islands()).isEqualTo(new org.evocnn.engine.process.Islands(5,
                org.evocnn.engine.process.Islands.DEFAULT.migrationInterval(), 1,
                org.evocnn.engine.process.Islands.Topology.RANDOM));
        assertThat(RunSpecJson.read(RunSpecJson.write(spec).toString())).isEqualTo(spec);
        assertThat(RunSpecJson.write(spec).at("/evolution/islands/topology").asText()).isEqualTo("random");

        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"islands\": {\"count\": 1}}}"))
                .hasMessage("evolution.islands.count: 1 is outside 2..1000");
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"mode": "islands", "popSize": 6, "minPopSize": 3, "islands": {"migrants": 7}}}"""))
                .hasMessage("evolution.islands.migrants: 7 is more than popSize 6: an island cannot send more "
                        + "members than it holds");
        assertThat(RunSpecJson.read("""
                {"evolution": {"mode": "islands", "popSize": 6, "minPopSize": 3, "islands": {"migrants": 6}}}""")
                .evolution().islands().migrants()).isEqualTo(6);
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"islands\": {\"topology\": \"star\"}}}"))
                .hasMessage("evolution.islands.topology: unknown topology 'star', allowed: ring, random");
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"mode": "islands", "fidelity": {"rungs": [{"trainingSubset": 1000}]}}}"""))
                .hasMessageStartingWith("evolution.fidelity: successive halving is not combined with the island");
    }

    @Test
    void weightInheritanceIsAnOptionOffInThePaperAndRefusedWhereItCannotHold() {
        assertThat(RunSpecJson.read("{}").evolution().inheritance()).isFalse();
        RunSpec spec = RunSpecJson.read("{\"evolution\": {\"inheritance\": true}}");
        assertThat(spec.evolution().inheritance()).isTrue();
        assertThat(RunSpecJson.read(RunSpecJson.write(spec).toString())).isEqualTo(spec);
        assertThat(RunSpecJson.write(spec).at("/evolution/inheritance").asBoolean()).isTrue();

        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"inheritance\": true, \"fitnessCache\": true}}"))
                .hasMessageStartingWith("evolution.fitnessCache: is not combined with weight inheritance");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"inheritance\": true, \"mode\": \"random\"}}"))
                .hasMessage("evolution.inheritance: random search has no parents to inherit from");
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"inheritance": true, "fidelity": {"rungs": [{"trainingSubset": 1000}]}}}"""))
                .hasMessageStartingWith("evolution.fidelity: successive halving is not combined with weight");
        assertThatThrownBy(() -> RunSpecJson.read("""
                {"evolution": {"inheritance": true, "earlyStopping": {"rule": "median"}}}"""))
                .hasMessageStartingWith("evolution.earlyStopping: the median stopping rule is not combined");
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"inheritance\": \"yes\"}}"))
                .hasMessageStartingWith("evolution.inheritance: ");
    }

    @Test
    void aUsersDataSetGivesItsShapeAndTheSearchSpaceMustFitIt() {
        org.evocnn.model.data.DatasetCatalog.register(new org.evocnn.model.data.DatasetInfo("spec-test-colour",
                new org.evocnn.model.analysis.InputShape(32, 32, 3), 3, 300, 60));
        org.evocnn.model.data.DatasetCatalog.register(new org.evocnn.model.data.DatasetInfo("spec-test-tiny",
                new org.evocnn.model.analysis.InputShape(4, 6, 1), 2, 100, 20));

        RunSpec colour = RunSpecJson.readRequest("{\"task\": {\"dataset\": \"spec-test-colour\", \"folds\": 2, "
                + "\"trainingSubset\": 0}, \"evolution\": {\"termination\": {\"maxEvaluations\": 5}}}");
        assertThat(colour.evolution().input()).hasToString("32x32x3");
        assertThat(colour.evolution().classes()).isEqualTo(3);

        assertThatThrownBy(() -> RunSpecJson.read("{\"task\": {\"dataset\": \"spec-test-tiny\"}}"))
                .hasMessage("evolution.searchSpace.kernelSize.max: 5 exceeds the 4-pixel side of spec-test-tiny's "
                        + "4x6x1 images");
        RunSpec fitted = RunSpecJson.read("{\"task\": {\"dataset\": \"spec-test-tiny\"}, \"evolution\": "
                + "{\"searchSpace\": {\"kernelSize\": {\"min\": 2, \"max\": 3}}}}");
        assertThat(fitted.evolution().searchSpace().kernelSize().max()).isEqualTo(3);
        assertThatThrownBy(() -> RunSpecJson.readRequest("{\"task\": {\"dataset\": \"spec-test-colour\", "
                + "\"trainingSubset\": 1000}, \"evolution\": {\"termination\": {\"maxEvaluations\": 5}}}"))
                .hasMessage("task.trainingSubset: 1,000 exceeds the 300 training images of spec-test-colour");
    }

    @Test
    void aRunNoGenomeCouldFitIsRefusedNamingTheField() {
        String budget = "\"termination\": {\"maxEvaluations\": 10}";
        assertThatThrownBy(() -> RunSpecJson.readRequest("{\"task\": {\"batchSize\": 1048576}, \"evolution\": {"
                + budget + "}}")).isInstanceOf(InvalidJsonException.class)
                .hasMessageStartingWith("task.batchSize: a batch of 1,048,576 needs about ")
                .hasMessageContaining("no genome could be trained");
        assertThatThrownBy(() -> RunSpecJson.readRequest("{\"evolution\": {" + budget
                + ", \"searchSpace\": {\"maxParams\": 1000}}}"))
                .hasMessageStartingWith("evolution.searchSpace.maxParams: the search space's smallest network has ");
        // the paper's task and the default caps are fine, and so is a batch that fits
        RunSpecJson.readRequest("{\"task\": {\"batchSize\": 512}, \"evolution\": {" + budget + "}}");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> RunSpecJson.read("{\"evolution\": {\"popSize\": 5, \"popSize\": 6}}"))
                .isInstanceOf(InvalidJsonException.class).hasMessageContaining("Duplicate field 'popSize'");
    }
}
