package org.evocnn.evolution.journal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunJournalTest {

    @TempDir
    Path dir;

    private static final Genome GENOME = ReferenceNetwork.MNIST_EVOLVED.genome();

    private static List<JournalEntry> sample() {
        return List.of(
                new JournalEntry.RunCreated(1, "r", JsonNodeFactory.instance.objectNode().put("popSize", 20)),
                new JournalEntry.Started(2),
                new JournalEntry.Dispatched(3, 1, "r-000001", GENOME, GENOME.architectureHash(), "random", List.of()),
                new JournalEntry.ResultReceived(4, RecordedResult.builder("r-000001", EvaluationKind.FITNESS,
                                EvaluationStatus.OK).ids(1L, null)
                        .fitness(new RecordedResult.Scores(0.15, 0.85, List.of(0.1, 0.2), List.of(0.9, 0.8)))
                        .trainableParams(431_659L).wallSeconds(2.5)
                        .evaluator(new RecordedResult.Evaluator("h", "cpu", "AMD")).build()),
                new JournalEntry.FinalRequested(5, "r-final1", 1L, "best", GENOME, 2, 20),
                new JournalEntry.FinalResultReceived(6, RecordedResult.builder("r-final1-2", EvaluationKind.FINAL,
                        EvaluationStatus.FAILED).ids(1L, 2).wallSeconds(0.5).error("out of memory").build()),
                new JournalEntry.StateChanged(7, "finished", null));
    }

    @Test
    void aFormatOneResultLineReadsIntoTheJournalsOwnRecord() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        // a result line as format 1 wrote it: the wire message of the day, schemaVersion 1 and no id fields
        Files.writeString(file, """
                {"type":"created","atMillis":1,"runId":"r","config":{}}
                {"type":"result","atMillis":2,"result":{"schemaVersion":1,"runId":"r","evaluationId":"r-000001",\
                "kind":"fitness","status":"ok","fitness":{"loss":0.2,"accuracy":0.9,"foldLosses":[0.2],\
                "foldAccuracies":[0.9]},"trainableParams":12,"wallSeconds":1.5,"evaluator":{"host":"h",\
                "backend":"cpu","device":"d"}}}
                """);

        List<JournalEntry> entries = RunJournal.read(file);

        assertThat(((JournalEntry.RunCreated) entries.get(0)).formatOrLegacy()).isEqualTo(1);
        RecordedResult result = ((JournalEntry.ResultReceived) entries.get(1)).result();
        assertThat(result).isEqualTo(RecordedResult.builder("r-000001", EvaluationKind.FITNESS, EvaluationStatus.OK)
                .fitness(new RecordedResult.Scores(0.2, 0.9, List.of(0.2), List.of(0.9))).trainableParams(12L)
                .wallSeconds(1.5).evaluator(new RecordedResult.Evaluator("h", "cpu", "d")).build());
    }

    @Test
    void unforcedEntriesKeepTheirPlaceBetweenForcedOnes() throws IOException {
        Path file = dir.resolve("run/journal.jsonl");
        List<JournalEntry> entries = sample();
        try (RunJournal journal = RunJournal.open(file)) {
            journal.append(entries.subList(0, 2));
            journal.append(entries.subList(2, 3), false);
            journal.append(entries.subList(3, 7));
        }
        assertThat(RunJournal.read(file)).containsExactlyElementsOf(entries);
    }

    @Test
    void entriesReadBackAsWritten() throws IOException {
        Path file = dir.resolve("run/journal.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            sample().forEach(journal::append);
        }

        assertThat(RunJournal.read(file)).isEqualTo(sample());
        assertThat(Files.readAllLines(file)).hasSize(7).allMatch(line -> line.startsWith("{\"type\":"));
        assertThat(Files.readAllLines(file).get(0)).contains("\"format\":2");
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOffBeforeAppending() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        try (RunJournal journal = RunJournal.open(file)) {
            sample().subList(0, 2).forEach(journal::append);
        }
        Files.writeString(file, "{\"type\":\"started\",\"atMi", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(RunJournal.read(file)).hasSize(2);
        try (RunJournal journal = RunJournal.open(file)) {
            journal.append(sample().get(2));
        }
        assertThat(RunJournal.read(file)).isEqualTo(sample().subList(0, 3));
    }

    @Test
    void aCorruptCompleteLineIsAnErrorNamingFileAndLine() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "{\"type\":\"started\",\"atMillis\":1}\n{\"type\":\"bogus\"}\n");

        assertThatThrownBy(() -> RunJournal.read(file))
                .isInstanceOf(RunJournal.JournalException.class)
                .hasMessageStartingWith(file + ":2: unreadable journal entry: type: unknown");
    }
}
