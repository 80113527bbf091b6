package org.evocnn.evolution.run;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.evocnn.engine.population.Individual;
import org.evocnn.engine.process.Evolution;
import org.evocnn.engine.process.EvolutionListener;
import org.evocnn.engine.process.Replay;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.message.EvaluationRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search options over the real broker: the fitness cache, the Pareto objective, random search, successive halving,
 * the median stopping rule, surrogate pre-screening.
 */
@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class StrategiesOverJmsTest {

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;
    @Inject
    org.evocnn.evolution.metrics.RunMetrics runMetrics;

    private String create(String evolution) {
        return given().contentType("application/json")
                .body("{\"task\": {\"folds\": 2, \"epochs\": 1}, \"evolution\": " + evolution + "}")
                .post("/api/runs").then().statusCode(201).extract().path("runId");
    }

    private List<EvaluationRequest> play(String runId) throws Exception {
        EvolutionRun run = registry.get(runId).orElseThrow();
        return new PlayedEvaluators(connectionFactory, config).requestsUntil(() -> run.snapshot().finished(), runId,
                Set.of());
    }

    @Test
    void theFitnessCacheSendsNoGenomeTwiceAndTheJournalReplaysItsHits() throws Exception {
        // a space so small that breeding again runs out of new genomes, so that the cache answers some offspring
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 4, "fitnessCache": true,
                 "searchSpace": {"filters": {"min": 10, "max": 10}, "kernelSize": {"min": 2, "max": 2},
                                 "denseSize": {"min": 10, "max": 10}, "activations": ["relu"], "dropouts": [0.0],
                                 "initialConvBlocks": {"min": 1, "max": 1}, "initialDenseBlocks": {"min": 1, "max": 1}},
                 "termination": {"maxEvaluations": 40}}""");

        List<EvaluationRequest> sent = play(runId);

        assertThat(sent.stream().map(r -> r.genome().canonicalForm()).distinct()).hasSameSizeAs(sent);
        EvolutionRun run = registry.get(runId).orElseThrow();
        long hits = run.snapshot().stats().cacheHits();
        assertThat(hits).isPositive();
        assertThat(run.snapshot().stats().completed()).isEqualTo(40);
        assertThat(sent).hasSize((int) (40 - hits));
        given().get("/api/runs/" + runId).then().statusCode(200)
                .body("evaluations.cacheHits", org.hamcrest.Matchers.equalTo((int) hits));
        List<String> cachedFrom = given().get("/api/runs/" + runId + "/evaluations?size=100").then().statusCode(200)
                .extract().path("evaluations.findAll { it.cachedFrom != null }.cachedFrom");
        assertThat(cachedFrom).as("hits name the evaluation they reused").hasSize((int) hits)
                .allMatch(id -> id.startsWith(runId + "-"));
        runMetrics.refresh();
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("evocnn_run_cache_hits_total{") && l.contains(runId)))
                .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isEqualTo((double) hits));

        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        assertThat(journal.stream().filter(e -> e instanceof JournalEntry.ResultReceived r
                && r.result().cachedFrom() != null)).as("hits are journaled for people").hasSize((int) hits);
        assertReplaysTo(run, journal, null);
    }

    @Test
    void aParetoRunShowsItsFront() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 8, "objective": "pareto",
                 "termination": {"maxEvaluations": 30}}""");
        play(runId);

        List<Individual> front = registry.get(runId).orElseThrow().snapshot().front();
        assertThat(front).isNotEmpty();
        for (Individual a : front) {
            assertThat(front).noneMatch(b -> b.loss() <= a.loss() && b.trainableParams() <= a.trainableParams()
                    && (b.loss() < a.loss() || b.trainableParams() < a.trainableParams()));
        }
        given().get("/api/runs/" + runId + "/best").then().statusCode(200)
                .body("front.size()", org.hamcrest.Matchers.equalTo(front.size()))
                .body("front[0].sequence", org.hamcrest.Matchers.equalTo((int) front.get(0).sequence()))
                .body("individual.sequence", org.hamcrest.Matchers.equalTo((int) front.get(0).sequence()));
        given().get("/api/runs/" + runId + "/spec").then()
                .body("evolution.objective", org.hamcrest.Matchers.equalTo("pareto"))
                .body("evolution.paretoSize", org.hamcrest.Matchers.equalTo("params"));
    }

    @Test
    void randomSearchSendsOnlyRandomGenomes() throws Exception {
        String runId = create("""
                {"mode": "random", "popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 9,
                 "termination": {"maxEvaluatorSeconds": 0.5, "maxEvaluations": 25}}""");
        play(runId);

        List<JournalEntry> journal = RunJournal.read(registry.get(runId).orElseThrow().journalFile());
        assertThat(journal.stream().filter(JournalEntry.Dispatched.class::isInstance)
                .map(e -> ((JournalEntry.Dispatched) e).origin())).hasSize(25).containsOnly("random");
    }

    @Test
    void successiveHalvingSendsLowRungsCheapAndPromotesTheTopThird() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 12,
                 "fidelity": {"eta": 3, "rungs": [{"trainingSubset": 300, "epochs": 1}]},
                 "termination": {"maxEvaluations": 45}}""");
        List<EvaluationRequest> sent = play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        java.util.Map<Long, JournalEntry.Dispatched> dispatched = new java.util.HashMap<>();
        journal.stream().filter(JournalEntry.Dispatched.class::isInstance).map(JournalEntry.Dispatched.class::cast)
                .forEach(d -> dispatched.put(d.sequence(), d));
        assertThat(sent).hasSize(45);
        for (EvaluationRequest r : sent) {
            JournalEntry.Dispatched d = dispatched.get(r.sequence());
            if (d.promotedFrom() == null) {
                assertThat(d.rung()).isZero();
                assertThat(r.task().trainingSubset()).as("a new genome trains on the low rung's subset").isEqualTo(300);
            } else {
                assertThat(d.rung()).isEqualTo(1);
                assertThat(r.task().trainingSubset()).as("a promotion trains at the task's fidelity").isZero();
                assertThat(r.genome()).isEqualTo(dispatched.get(d.promotedFrom()).genome());
            }
        }
        long promotions = dispatched.values().stream().filter(d -> d.promotedFrom() != null).count();
        assertThat(promotions).isPositive().isLessThanOrEqualTo(45 / 3);
        assertThat(run.snapshot().stats().promotions()).isEqualTo(promotions);
        assertThat(run.snapshot().population()).isNotEmpty()
                .allMatch(i -> dispatched.get(i.sequence()).rung() == 1);
        given().get("/api/runs/" + runId).then().body("evaluations.promotions",
                org.hamcrest.Matchers.equalTo((int) promotions));
        List<Integer> rungs = given().get("/api/runs/" + runId + "/evaluations?size=100").then().statusCode(200)
                .extract().path("evaluations.rung");
        assertThat(rungs).hasSize(45).containsOnly(0, 1);
        given().get("/api/runs/" + runId + "/spec").then()
                .body("evolution.fidelity.rungs[0].trainingSubset", org.hamcrest.Matchers.equalTo(300));

        assertReplaysTo(run, journal, null);
    }

    @Test
    void rungAdjustedHalvingShowsLowerRungMembersWithTheirRungAndReplays() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 12,
                 "fidelity": {"eta": 3, "rungs": [{"trainingSubset": 300, "epochs": 1}], "selection": "adjusted"},
                 "termination": {"maxEvaluations": 45}}""");
        play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        java.util.Map<Long, Integer> rungOf = new java.util.HashMap<>();
        journal.stream().filter(JournalEntry.Dispatched.class::isInstance).map(JournalEntry.Dispatched.class::cast)
                .forEach(d -> rungOf.put(d.sequence(), d.rung()));
        List<java.util.Map<String, Object>> members = given().get("/api/runs/" + runId + "/population").then()
                .statusCode(200).extract().path("$");
        assertThat(members).as("lower-rung results take part in selection").anyMatch(m -> m.get("rung").equals(0));
        for (java.util.Map<String, Object> m : members) {
            long sequence = ((Number) m.get("sequence")).longValue();
            assertThat(m.get("rung")).as("member " + sequence).isEqualTo(rungOf.get(sequence));
        }
        given().get("/api/runs/" + runId + "/best").then().body("individual.rung", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/runs/" + runId + "/spec").then()
                .body("evolution.fidelity.selection", org.hamcrest.Matchers.equalTo("adjusted"));

        assertReplaysTo(run, journal, null);
    }

    @Test
    void theMedianStoppingRuleSendsTheMedianOfCompletedCurvesAndCountsStoppedEvaluations() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 14,
                 "earlyStopping": {"rule": "median", "minResults": 4},
                 "termination": {"maxEvaluations": 40}}""");
        List<EvaluationRequest> sent = play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        assertThat(sent).hasSize(40).allMatch(r -> r.stopping() != null);
        assertThat(sent.get(0).stopping().thresholds()).as("no curves yet").containsExactly((Double) null);
        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        List<RecordedResultView> results = journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> new RecordedResultView(((JournalEntry.ResultReceived) e).result().sequence(),
                        ((JournalEntry.ResultReceived) e).result().status().wire(),
                        ((JournalEntry.ResultReceived) e).result().epochLosses())).toList();
        // the zero-cost evaluator's curves are flat: a threshold is the median loss of a prefix of the ok results
        List<Double> okLosses = results.stream().filter(r -> r.status().equals("ok"))
                .map(r -> r.curves().get(0).get(0)).toList();
        java.util.Set<Double> prefixMedians = new java.util.HashSet<>();
        for (int k = 4; k <= okLosses.size(); k++) {
            double[] prefix = okLosses.subList(0, k).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            prefixMedians.add(k % 2 == 1 ? prefix[k / 2] : (prefix[k / 2 - 1] + prefix[k / 2]) / 2);
        }
        List<Double> thresholds = sent.stream().map(r -> r.stopping().after(1)).filter(java.util.Objects::nonNull)
                .toList();
        assertThat(thresholds).isNotEmpty();
        assertThat(prefixMedians).containsAll(thresholds);

        List<Long> stopped = results.stream().filter(r -> r.status().equals("stopped")).map(RecordedResultView::sequence)
                .toList();
        assertThat(stopped).isNotEmpty();
        assertThat(run.snapshot().stats().stopped()).isEqualTo(stopped.size());
        assertThat(run.snapshot().population()).extracting(Individual::sequence).doesNotContainAnyElementsOf(stopped);
        given().get("/api/runs/" + runId).then().body("evaluations.stopped",
                org.hamcrest.Matchers.equalTo(stopped.size()));
        given().get("/api/runs/" + runId + "/evaluations?size=100").then().statusCode(200)
                .body("evaluations.find { it.status == 'stopped' }.epochLosses[0].size()", org.hamcrest.Matchers.equalTo(1))
                .body("evaluations.find { it.status == 'ok' }.epochLosses.size()", org.hamcrest.Matchers.equalTo(2));

        assertReplaysTo(run, journal, null);
    }

    @Test
    void surrogateScreeningJournalsItsPredictionsAndReplaysTheSameChoices() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 15,
                 "screening": {"candidates": 6, "minResults": 8, "refitEvery": 4},
                 "termination": {"maxEvaluations": 40}}""");
        play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        List<JournalEntry.Dispatched> dispatched = journal.stream().filter(JournalEntry.Dispatched.class::isInstance)
                .map(JournalEntry.Dispatched.class::cast).toList();
        assertThat(dispatched).hasSize(40);
        assertThat(dispatched.subList(0, 8)).as("no model before 8 results").allMatch(d -> d.predictedLoss() == null);
        assertThat(dispatched.stream().filter(d -> d.predictedLoss() != null).count()).isGreaterThan(20);
        Number correlation = given().get("/api/runs/" + runId).then().statusCode(200).extract()
                .path("evaluations.surrogateRankCorrelation");
        assertThat(correlation).isNotNull();
        assertThat(correlation.doubleValue()).isBetween(-1.0, 1.0).isCloseTo(
                run.snapshot().stats().surrogateRankCorrelation(), org.assertj.core.api.Assertions.within(1e-6));

        JournalEntry.RunCreated created = (JournalEntry.RunCreated) journal.get(0);
        assertReplaysTo(run, journal, org.evocnn.evolution.surrogate.ForestSurrogate.defaults(
                RunSpecJson.readJournaled(created.config(), created.formatOrLegacy()).evolution().seed()));
    }

    @Test
    void anIslandRunJournalsItsMigrationsCountsThemAndReplays() throws Exception {
        String runId = create("""
                {"mode": "islands", "popSize": 4, "minPopSize": 2, "maxInFlight": 3, "seed": 21,
                 "islands": {"count": 3, "migrationInterval": 5, "migrants": 1, "topology": "ring"},
                 "termination": {"maxEvaluations": 45}}""");
        play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        List<JournalEntry> journal = RunJournal.read(run.journalFile());
        List<JournalEntry.Migrated> migrated = journal.stream().filter(JournalEntry.Migrated.class::isInstance)
                .map(JournalEntry.Migrated.class::cast).toList();
        int rounds = run.snapshot().stats().migrations();
        assertThat(rounds).isEqualTo((int) run.snapshot().stats().ok() / 5).isPositive();
        assertThat(migrated).isNotEmpty().hasSizeLessThanOrEqualTo(3 * rounds)
                .allSatisfy(m -> assertThat(m.toIsland()).isEqualTo((m.fromIsland() + 1) % 3));
        given().get("/api/runs/" + runId).then().statusCode(200)
                .body("mode", org.hamcrest.Matchers.equalTo("islands"))
                .body("evaluations.migrations", org.hamcrest.Matchers.equalTo(rounds));
        given().get("/api/runs/" + runId + "/spec").then()
                .body("evolution.islands.topology", org.hamcrest.Matchers.equalTo("ring"))
                .body("evolution.islands.count", org.hamcrest.Matchers.equalTo(3));
        assertReplaysTo(run, journal, null);
    }

    @Test
    void theLineageOfTheBestGoesBackToRandomGenomesThroughTheOperatorsThatMadeIt() throws Exception {
        String runId = create("""
                {"popSize": 6, "minPopSize": 3, "maxInFlight": 2, "seed": 23, "termination": {"maxEvaluations": 40}}""");
        play(runId);

        EvolutionRun run = registry.get(runId).orElseThrow();
        long best = run.snapshot().best().orElseThrow().sequence();
        List<java.util.Map<String, Object>> lineage = given().get("/api/runs/" + runId + "/evaluations/" + best
                + "/lineage?max=1000").then().statusCode(200).extract().path("");
        assertThat(lineage.get(0)).containsEntry("sequence", (int) best).containsEntry("generation", 0)
                .containsEntry("status", "ok");
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        lineage.forEach(a -> listed.add((Integer) a.get("sequence")));
        List<JournalEntry.Dispatched> dispatched = RunJournal.read(run.journalFile()).stream()
                .filter(JournalEntry.Dispatched.class::isInstance).map(JournalEntry.Dispatched.class::cast).toList();
        for (java.util.Map<String, Object> a : lineage) {
            JournalEntry.Dispatched d = dispatched.stream().filter(x -> x.sequence() == ((Integer) a.get("sequence")))
                    .findFirst().orElseThrow();
            assertThat(a.get("origin")).isEqualTo(d.origin());
            @SuppressWarnings("unchecked")
            List<Integer> parents = (List<Integer>) a.get("parents");
            assertThat(parents.stream().map(Integer::longValue).toList()).isEqualTo(d.parents());
            assertThat(listed).containsAll(parents); // every ancestor is there
            if (parents.isEmpty()) {
                assertThat(a.get("origin")).asString().startsWith("random");
            }
        }
        assertThat(lineage).hasSizeGreaterThan(1).as("the best of 40 was bred");
        given().get("/api/runs/" + runId + "/evaluations/999/lineage").then().statusCode(404);
        given().get("/api/runs/" + runId + "/evaluations/x/lineage").then().statusCode(400);
    }

    /** Rebuilt from its journal alone (with the run's surrogate models, if any), the finished run is the same. */
    private static void assertReplaysTo(EvolutionRun run, List<JournalEntry> journal,
                                        org.evocnn.engine.surrogate.SurrogateModel.Trainer models) {
        JournalEntry.RunCreated created = (JournalEntry.RunCreated) journal.get(0);
        RunSpec spec = RunSpecJson.readJournaled(created.config(), created.formatOrLegacy());
        Evolution replayed = Replay.rebuild(spec.evolution(), JournalReplay.events(journal), c -> {
            throw new AssertionError("a finished run sends nothing");
        }, InstantSource.fixed(Instant.now()), EvolutionListener.NONE, models);
        assertThat(replayed.stats()).isEqualTo(run.snapshot().stats());
        assertThat(replayed.population()).extracting(Individual::sequence)
                .containsExactlyElementsOf(run.snapshot().population().stream().map(Individual::sequence).toList());
    }

    private record RecordedResultView(Long sequence, String status, List<List<Double>> curves) {
    }
}
