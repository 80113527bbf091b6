package org.evocnn.evolution.run;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.evocnn.evolution.run.DamagedJournals.CORRUPT;
import static org.evocnn.evolution.run.DamagedJournals.CORRUPT_LINE;
import static org.evocnn.evolution.run.DamagedJournals.EMPTY;
import static org.evocnn.evolution.run.DamagedJournals.SOUND;
import static org.evocnn.evolution.run.DamagedJournals.TORN;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * A service started over damaged journals starts and serves every run: a corrupt line makes its run damaged and
 * read-only (its good lines viewable) until it is recovered; an empty journal is listed as damaged; a torn last line
 * is cut with a warning and its run goes on.
 */
@QuarkusTest
@QuarkusTestResource(value = DamagedJournals.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DamagedJournalTest {

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;

    @Test
    @Order(1)
    void theServiceStartsAndListsEveryRunTheDamagedOnesWithWhereAndWhy() {
        given().get("/api/runs").then().statusCode(200)
                .body("runId", hasItems(CORRUPT, SOUND, TORN, EMPTY))
                .body("find { it.runId == '" + SOUND + "' }.state", equalTo("finished"))
                .body("find { it.runId == '" + TORN + "' }.state", equalTo("finished"))
                .body("find { it.runId == '" + CORRUPT + "' }.state", equalTo("damaged"))
                .body("find { it.runId == '" + CORRUPT + "' }.damage.line", equalTo(CORRUPT_LINE))
                .body("find { it.runId == '" + CORRUPT + "' }.damage.reason", startsWith("unreadable journal entry"))
                .body("find { it.runId == '" + CORRUPT + "' }.damage.recoverable", equalTo(true))
                .body("find { it.runId == '" + EMPTY + "' }.state", equalTo("damaged"))
                .body("find { it.runId == '" + EMPTY + "' }.damage.reason",
                        equalTo("empty journal: no run configuration"))
                .body("find { it.runId == '" + EMPTY + "' }.damage.recoverable", equalTo(false));
    }

    @Test
    @Order(2)
    void aDamagedRunShowsItsGoodLinesAndRefusesChange() {
        given().get("/api/runs/" + CORRUPT).then().statusCode(200)
                .body("damage.file", containsString(CORRUPT))
                .body("evaluations.completed", equalTo(8));
        given().get("/api/runs/" + CORRUPT + "/evaluations").then().statusCode(200).body("total", equalTo(8));
        given().get("/api/runs/" + CORRUPT + "/population").then().statusCode(200).body("$", hasSize(6));
        given().post("/api/runs/" + CORRUPT + "/stop").then().statusCode(409)
                .body("errors[0]", containsString("is damaged (")).body("errors[0]", containsString("/recover"));
        given().contentType("application/json").body("{\"reference\": \"mnist-baseline\"}")
                .post("/api/runs/" + CORRUPT + "/final").then().statusCode(409);
        given().post("/api/runs/" + EMPTY + "/recover").then().statusCode(409)
                .body("errors[0]", containsString("cannot be recovered"));
        given().post("/api/runs/" + SOUND + "/recover").then().statusCode(409)
                .body("errors[0]", equalTo("run " + SOUND + " is not damaged: nothing to recover"));
    }

    @Test
    @Order(3)
    void aTornLastLineIsCutAndItsRunGoesOn() throws Exception {
        Path torn = DamagedJournals.runsDir.resolve(TORN).resolve("journal.jsonl");
        assertThat(Files.readString(torn)).as("the journal as it was before the torn write")
                .isEqualTo(DamagedJournals.fixture(TORN));
        given().get("/api/runs/" + TORN).then().body("evaluations.completed", equalTo(70));
    }

    @Test
    @Order(4)
    void aRecoveredRunContinuesFromItsGoodLinesAndKeepsTheDamagedFile() throws Exception {
        given().post("/api/runs/" + CORRUPT + "/recover").then().statusCode(200)
                .body("state", equalTo("running"))
                .body("damage", org.hamcrest.Matchers.nullValue());

        Path dir = DamagedJournals.runsDir.resolve(CORRUPT);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("journal.jsonl.damaged-"));
        }
        assertThat(RunJournal.read(dir.resolve("journal.jsonl")).subList(0, CORRUPT_LINE - 1))
                .as("the good lines, as they were").hasSize(CORRUPT_LINE - 1);
        EvolutionRun run = registry.get(CORRUPT).orElseThrow();
        // numbers the lost tail may have given are never given again: a late answer to one is ignored and counted
        JournalEntry.Renumbered renumbered = RunJournal.read(dir.resolve("journal.jsonl")).stream()
                .filter(JournalEntry.Renumbered.class::isInstance).map(JournalEntry.Renumbered.class::cast)
                .findFirst().orElseThrow();
        assertThat(renumbered.toSequence()).isGreaterThan(renumbered.fromSequence());
        long completed = run.snapshot().stats().completed();
        long unknown = run.ignored().count(IgnoredResults.Reason.UNKNOWN_EVALUATION);
        registry.deliver(org.evocnn.model.message.EvaluationResult.ok(org.evocnn.model.message.EvaluationId
                .fitness(CORRUPT, renumbered.fromSequence()), org.evocnn.model.message.Fitness.ofFolds(
                java.util.List.of(0.01, 0.01), java.util.List.of(0.99, 0.99)), 10, 1,
                new org.evocnn.model.message.EvaluatorInfo("late", "cpu", "none")));
        assertThat(run.snapshot().stats().completed()).as("never credited").isEqualTo(completed);
        assertThat(run.ignored().count(IgnoredResults.Reason.UNKNOWN_EVALUATION)).isEqualTo(unknown + 1);
        assertThat(Files.readString(dir.resolve("ignored.properties"))).contains("unknown-evaluation=" + (unknown + 1));
        // the outstanding requests were sent again; the played evaluators answer them and the run goes on
        new PlayedEvaluators(connectionFactory, config).answerUntilFinished(run, Set.of());
        given().get("/api/runs/" + CORRUPT).then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("evaluations.completed", equalTo(24));
    }
}
