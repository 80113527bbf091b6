package org.evocnn.evolution.run;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evocnn.engine.process.RunState;
import org.evocnn.evolution.broker.BrokerConfig;
import org.evocnn.evolution.broker.FreeBrokerPort;
import org.evocnn.evolution.journal.JournalEntry;
import org.evocnn.evolution.journal.RunJournal;
import org.evocnn.evolution.journal.RecordedResult;
import org.evocnn.spec.RunSpec;
import org.evocnn.spec.RunSpecJson;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run driven over the real embedded broker. The test plays the evaluators: it takes requests from the genomes
 * queue and answers on their JMSReplyTo, as evaluator-service does.
 */
@QuarkusTest
@QuarkusTestResource(FreeBrokerPort.class)
class RunOverJmsTest {

    private static final EvaluatorInfo TEST = new EvaluatorInfo("test", "simulated", "none");

    @Inject
    RunRegistry registry;
    @Inject
    ConnectionFactory connectionFactory;
    @Inject
    BrokerConfig config;
    @Inject
    org.evocnn.evolution.models.ModelStore models;
    @ConfigProperty(name = "evocnn.runs-dir")
    Path runsDir;

    private static RunSpec spec(int evaluations, int maxInFlight) {
        return RunSpecJson.read("""
                {"task": {"dataset": "mnist", "folds": 2, "epochs": 1},
                 "evolution": {"popSize": 6, "minPopSize": 3, "maxInFlight": %d, "seed": 11,
                               "termination": {"maxEvaluations": %d}}}""".formatted(maxInFlight, evaluations));
    }

    private List<String> evaluate(EvolutionRun run, Set<String> poison) throws Exception {
        return new PlayedEvaluators(connectionFactory, config).answerUntilFinished(run, poison);
    }

    @Test
    void aRunDispatchesOverTheBrokerBreedsFromResultsAndFinishes() throws Exception {
        EvolutionRun run = registry.create(spec(25, 3));

        List<String> answered = evaluate(run, Set.of());

        assertThat(run.snapshot().state()).isEqualTo(RunState.FINISHED);
        assertThat(run.snapshot().stats().completed()).isEqualTo(25);
        assertThat(run.snapshot().population()).hasSize(6);
        assertThat(new HashSet<>(answered)).hasSize(25);
        List<JournalEntry> journal = RunJournal.read(runsDir.resolve(run.runId()).resolve("journal.jsonl"));
        assertThat(journal.get(0)).isInstanceOf(JournalEntry.RunCreated.class);
        assertThat(journal.stream().filter(JournalEntry.Dispatched.class::isInstance)).hasSize(25);
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result().evaluationId()).distinct()).hasSize(25);
        assertThat(journal.get(journal.size() - 1)).isEqualTo(new JournalEntry.StateChanged(
                ((JournalEntry.StateChanged) journal.get(journal.size() - 1)).atMillis(), "finished", null));
    }

    @Test
    void aPoisonRequestIsDeadLetteredCountedAsFailedAndTheRunStillCompletes() throws Exception {
        EvolutionRun run = registry.create(spec(12, 2));
        String poison = EvaluationId.fitness(run.runId(), 2).text();

        evaluate(run, Set.of(poison));

        assertThat(run.snapshot().state()).isEqualTo(RunState.FINISHED);
        assertThat(run.snapshot().stats().failed()).isEqualTo(1);
        assertThat(run.snapshot().stats().completed()).isEqualTo(12);
        List<JournalEntry> journal = RunJournal.read(runsDir.resolve(run.runId()).resolve("journal.jsonl"));
        RecordedResult failed = journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result())
                .filter(r -> r.evaluationId().equals(poison)).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(org.evocnn.model.message.EvaluationStatus.FAILED);
        assertThat(failed.sequence()).isEqualTo(2L);
        // and the request itself is kept where a user can see it
        assertThat(run.deadLetters().all()).singleElement().satisfies(letter -> {
            assertThat(letter.evaluationId()).isEqualTo(poison);
            assertThat(letter.reason()).isEqualTo("no evaluator answered it within the broker's delivery attempts");
            assertThat(letter.originalQueue()).isEqualTo(config.genomesQueue());
            assertThat(ModelJson.readRequest(letter.body()).id()).isEqualTo(EvaluationId.fitness(run.runId(), 2));
        });
        assertThat(runsDir.resolve(run.runId()).resolve("dead-letters.jsonl")).exists();
        assertThat(failed.error()).startsWith("dead-lettered");
    }

    @Test
    void aDeadLetteredRequestThatBroughtItsParentsWeightsIsCountedAsFailedAndKept() throws Exception {
        EvolutionRun run = registry.create(RunSpecJson.read("""
                {"task": {"dataset": "mnist", "folds": 2, "epochs": 1},
                 "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 1, "seed": 11, "inheritance": true,
                               "termination": {"maxEvaluations": 3}}}"""));
        org.evocnn.model.message.EvaluationRequest request = null;
        try (jakarta.jms.JMSContext ctx = connectionFactory.createContext(jakarta.jms.JMSContext.SESSION_TRANSACTED);
             jakarta.jms.JMSConsumer genomes = ctx.createConsumer(ctx.createQueue(config.genomesQueue()))) {
            long deadline = System.currentTimeMillis() + 20_000;
            while (request == null && System.currentTimeMillis() < deadline) {
                jakarta.jms.Message message = genomes.receive(200);
                if (message instanceof jakarta.jms.TextMessage text) {
                    var r = ModelJson.readRequest(text.getText());
                    request = r.runId().equals(run.runId()) ? r : null; // other tests' leftovers are taken too
                }
            }
            assertThat(request).isNotNull();
            assertThat(request.inherit()).as("a run with inheritance asks for the weights back").isNotNull();
            // what the broker does after a bytes request's last delivery attempt: it moves the message as it is
            jakarta.jms.BytesMessage dead = ctx.createBytesMessage();
            dead.setStringProperty(org.evocnn.model.message.Queues.REQUEST_PROPERTY, ModelJson.write(request
                    .withInherit(new org.evocnn.model.message.Inherit(List.of(org.evocnn.model.message.Inherit.Parent
                            .sent(7, org.evocnn.model.message.ModelRef.kept("ab".repeat(32), 3), 1)), List.of()))));
            dead.writeBytes(new byte[] {1, 2, 3});
            ctx.createProducer().send(ctx.createQueue(config.deadLetterQueue()), dead);
            ctx.commit();
        }
        long deadline = System.currentTimeMillis() + 20_000;
        long sequence = request.sequence();
        // the dead letter is kept before its failed result is journaled: wait for both
        while ((run.deadLetters().all().isEmpty() || run.evaluations().fitness(sequence).isEmpty())
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        String id = request.evaluationId();
        assertThat(run.deadLetters().all()).singleElement().satisfies(letter -> {
            assertThat(letter.evaluationId()).isEqualTo(id);
            assertThat(ModelJson.readRequest(letter.body()).inherit().parents()).hasSize(1);
        });
        List<JournalEntry> journal = RunJournal.read(runsDir.resolve(run.runId()).resolve("journal.jsonl"));
        assertThat(journal.stream().filter(JournalEntry.ResultReceived.class::isInstance)
                .map(e -> ((JournalEntry.ResultReceived) e).result())
                .filter(r -> r.evaluationId().equals(id))).singleElement()
                .satisfies(r -> assertThat(r.error()).startsWith("dead-lettered"));
    }

    @Test
    void aSecondResultOfAnEvaluationAlreadyTakenLeavesItsKeptWeightsAlone() throws Exception {
        EvolutionRun run = registry.create(RunSpecJson.read("""
                {"task": {"dataset": "mnist", "folds": 2, "epochs": 1},
                 "evolution": {"popSize": 4, "minPopSize": 2, "maxInFlight": 1, "seed": 11, "inheritance": true,
                               "termination": {"maxEvaluations": 3}}}"""));
        EvaluationId first = EvaluationId.fitness(run.runId(), 1);
        byte[] weights = "the weights the first result brought".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] again = "the weights of a second training, same id".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EvaluationResult taken = withWeights(first, weights);
        assertThat(models.receive(taken, manifest(first, weights), out -> out.write(weights)).model().isKept())
                .isTrue();
        registry.deliver(taken);
        assertThat(run.evaluations().fitness(1)).isPresent();
        Path file = models.zip(run.runId(), first.text());
        String kept = org.evocnn.training.export.ModelFiles.sha256(file);

        EvaluationResult duplicate = withWeights(first, again);
        models.receive(duplicate, manifest(first, again), out -> out.write(again));
        registry.deliver(duplicate);

        assertThat(org.evocnn.training.export.ModelFiles.sha256(file)).as("the journaled weights stay").isEqualTo(kept);
        assertThat(run.ignored().count(IgnoredResults.Reason.DUPLICATE)).isEqualTo(1);
        run.stop();
    }

    /** A forged or redelivered second result of a final training brings another network: the kept one stays. */
    @Test
    void aSecondResultOfAFinalTrainingLeavesItsKeptNetworkAlone() throws Exception {
        EvolutionRun run = registry.create(spec(4, 1));
        FinalTraining training = run.finals().start("best", org.evocnn.model.genome.ReferenceNetwork.MNIST_BASELINE
                .genome(), 1, 1);
        EvaluationId id = EvaluationId.finalTraining(run.runId(), training.index(), 1);
        byte[] network = "the network the first result brought".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] other = "another network with a correct hash".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EvaluationResult taken = withWeights(id, network);
        assertThat(models.receive(taken, manifest(id, network), out -> out.write(network)).model().isKept()).isTrue();
        registry.deliver(taken);
        Path file = models.zip(run.runId(), id.text());
        String kept = org.evocnn.training.export.ModelFiles.sha256(file);

        EvaluationResult duplicate = withWeights(id, other);
        models.receive(duplicate, manifest(id, other), out -> out.write(other));
        registry.deliver(duplicate);

        assertThat(org.evocnn.training.export.ModelFiles.sha256(file)).as("the journaled network stays")
                .isEqualTo(kept);
        assertThat(models.stored(run.runId(), run.finals().get(training.id()).orElseThrow(), null).zip())
                .as("still served, not 409 damaged").isEqualTo(file);
        assertThat(run.ignored().count(IgnoredResults.Reason.DUPLICATE)).isEqualTo(1);
        run.stop();
    }

    private static EvaluationResult withWeights(EvaluationId id, byte[] bytes) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        String sha = java.util.HexFormat.of().formatHex(digest.digest(bytes));
        return EvaluationResult.ok(id, Fitness.ofFolds(List.of(0.5), List.of(0.8)), 10, 1, TEST)
                .withModel(org.evocnn.model.message.ModelRef.kept(sha, bytes.length));
    }

    private static String manifest(EvaluationId id, byte[] bytes) throws Exception {
        EvaluationResult r = withWeights(id, bytes);
        return ModelJson.write(org.evocnn.model.message.ModelManifest.of("mnist",
                org.evocnn.model.analysis.InputShape.MNIST, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                org.evocnn.model.genome.ReferenceNetwork.MNIST_BASELINE.genome(), r.fitness(), id.text(),
                r.model().sha256(), bytes.length));
    }

    @Test
    void resultsAreIdempotentAndUnknownRunsAreIgnored() throws Exception {
        EvolutionRun run = registry.create(spec(4, 1));
        evaluate(run, Set.of());
        long completed = run.snapshot().stats().completed();
        EvaluationId first = EvaluationId.fitness(run.runId(), 1);

        long unknownRunsBefore = registry.unroutable().count(IgnoredResults.Reason.UNKNOWN_RUN);

        assertThat(run.accept(EvaluationResult.ok(first, Fitness.ofTest(0.01, 0.99), 1, 1, TEST))).isFalse();
        registry.deliver(EvaluationResult.failed(EvaluationId.fitness("run-nobody", 1), "x", 0, TEST));
        registry.deliver(EvaluationResult.failed(EvaluationId.finalTraining(run.runId(), 7, 1), "x", 0, TEST));
        registry.deliver(EvaluationResult.failed(EvaluationId.fitness(run.runId(), 99), "x", 0, TEST));

        assertThat(run.snapshot().stats().completed()).isEqualTo(completed);
        // nothing dropped silently: each is counted by its reason
        assertThat(run.ignored().count(IgnoredResults.Reason.DUPLICATE)).isEqualTo(1);
        assertThat(run.ignored().count(IgnoredResults.Reason.UNKNOWN_EVALUATION)).isEqualTo(2);
        assertThat(registry.unroutable().count(IgnoredResults.Reason.UNKNOWN_RUN)).isEqualTo(unknownRunsBefore + 1);
    }
}
