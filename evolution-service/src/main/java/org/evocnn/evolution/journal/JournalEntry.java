package org.evocnn.evolution.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.message.EvaluationResult;

import java.util.List;

/** One line of a run's journal. {@code atMillis} is the wall-clock time of the fact (epoch milliseconds). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalEntry.RunCreated.class, name = "created"),
        @JsonSubTypes.Type(value = JournalEntry.Started.class, name = "started"),
        @JsonSubTypes.Type(value = JournalEntry.Dispatched.class, name = "dispatched"),
        @JsonSubTypes.Type(value = JournalEntry.ResultReceived.class, name = "result"),
        @JsonSubTypes.Type(value = JournalEntry.StateChanged.class, name = "state"),
        @JsonSubTypes.Type(value = JournalEntry.FinalRequested.class, name = "final"),
        @JsonSubTypes.Type(value = JournalEntry.FinalResultReceived.class, name = "final-result")
})
public sealed interface JournalEntry {

    long atMillis();

    /** The run and its whole configuration, as given. */
    record RunCreated(long atMillis, String runId, JsonNode config) implements JournalEntry {
    }

    /** The engine was started. */
    record Started(long atMillis) implements JournalEntry {
    }

    /** A request the broker took (written after the send's commit). */
    record Dispatched(long atMillis, long sequence, String evaluationId, Genome genome, String architectureHash,
                      String origin, List<Long> parents) implements JournalEntry {
    }

    /** A result was accepted for a dispatched evaluation. */
    record ResultReceived(long atMillis, EvaluationResult result) implements JournalEntry {
    }

    /** The run changed state, e.g. {@code stopping} with a reason, or {@code finished}. */
    record StateChanged(long atMillis, String state, String reason) implements JournalEntry {
    }

    /**
     * A final training was sent: {@code genome} trained {@code repeats} times on the whole training set for
     * {@code epochs} epochs; its results come as {@link FinalResultReceived}. Not part of the engine's history.
     */
    record FinalRequested(long atMillis, String finalId, String label, Genome genome, int repeats, int epochs)
            implements JournalEntry {
    }

    /** The result of one repeat of a final training. */
    record FinalResultReceived(long atMillis, EvaluationResult result) implements JournalEntry {
    }
}
