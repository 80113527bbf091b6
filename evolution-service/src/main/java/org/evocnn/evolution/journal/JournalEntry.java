package org.evocnn.evolution.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.model.genome.Genome;

import java.util.List;

/**
 * One line of a run's journal: the journal's own records, versioned by {@link RunCreated#format()} and independent of
 * the wire messages, so a new message version never makes a journal unreadable. {@code atMillis} is the wall-clock
 * time of the fact (epoch milliseconds). Format 1 (before the id fields) is read as well as format 2.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalEntry.RunCreated.class, name = "created"),
        @JsonSubTypes.Type(value = JournalEntry.Started.class, name = "started"),
        @JsonSubTypes.Type(value = JournalEntry.Dispatched.class, name = "dispatched"),
        @JsonSubTypes.Type(value = JournalEntry.ResultReceived.class, name = "result"),
        @JsonSubTypes.Type(value = JournalEntry.StateChanged.class, name = "state"),
        @JsonSubTypes.Type(value = JournalEntry.FinalRequested.class, name = "final"),
        @JsonSubTypes.Type(value = JournalEntry.FinalResultReceived.class, name = "final-result"),
        @JsonSubTypes.Type(value = JournalEntry.Renumbered.class, name = "renumbered"),
        @JsonSubTypes.Type(value = JournalEntry.Migrated.class, name = "migrated")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface JournalEntry {

    /** The journal format this code writes. */
    int FORMAT = 2;

    long atMillis();

    /**
     * The run and its whole specification, as the service read it.
     *
     * @param format the journal format; absent (null) in format 1
     */
    record RunCreated(long atMillis, String runId, JsonNode config, Integer format) implements JournalEntry {

        public RunCreated(long atMillis, String runId, JsonNode config) {
            this(atMillis, runId, config, FORMAT);
        }

        public int formatOrLegacy() {
            return format == null ? 1 : format;
        }
    }

    /** The engine was started. */
    record Started(long atMillis) implements JournalEntry {
    }

    /**
     * A request the broker took (written after the send's commit). With successive halving also its {@code rung} and,
     * for a promotion, the candidate it was {@code promotedFrom}; when the surrogate chose it among others, its
     * {@code predictedLoss}; null otherwise.
     */
    record Dispatched(long atMillis, long sequence, String evaluationId, Genome genome, String architectureHash,
                      String origin, List<Long> parents, Integer rung, Long promotedFrom, Double predictedLoss)
            implements JournalEntry {

        public Dispatched(long atMillis, long sequence, String evaluationId, Genome genome, String architectureHash,
                          String origin, List<Long> parents) {
            this(atMillis, sequence, evaluationId, genome, architectureHash, origin, parents, null, null, null);
        }
    }

    /** A result was accepted for a dispatched evaluation. */
    record ResultReceived(long atMillis, RecordedResult result) implements JournalEntry {
    }

    /** The run changed state, e.g. {@code stopping} with a reason, or {@code finished}. */
    record StateChanged(long atMillis, String state, String reason) implements JournalEntry {
    }

    /**
     * A final training was sent: {@code genome} trained {@code repeats} times on the whole training set for
     * {@code epochs} epochs; its results come as {@link FinalResultReceived}. Not part of the engine's history.
     *
     * @param index the final training's number within the run (its requests' sequence); absent in format 1
     */
    record FinalRequested(long atMillis, String finalId, Long index, String label, Genome genome, int repeats,
                          int epochs) implements JournalEntry {
    }

    /** The result of one repeat of a final training. */
    record FinalResultReceived(long atMillis, RecordedResult result) implements JournalEntry {
    }

    /**
     * The run was recovered from a damaged journal: candidates numbered {@code fromSequence} on get numbers from
     * {@code toSequence} on, past every number the lost part of the journal may have given (docs/recovery.md).
     */
    record Renumbered(long atMillis, long fromSequence, long toSequence) implements JournalEntry {
    }

    /**
     * The island model copied the individual evaluated as {@code sequence} from one island to another. A consequence
     * of the results before it, so the replay makes it again; recorded for reading the run.
     */
    record Migrated(long atMillis, long sequence, int fromIsland, int toIsland) implements JournalEntry {
    }
}
