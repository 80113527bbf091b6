package org.evocnn.evolution.run;

import io.quarkus.logging.Log;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results the service took from the broker and did not act on, counted by reason and logged at INFO with their ids,
 * at most once per reason every {@value #LOG_EVERY_MS} ms (the line says how many were not logged since), so a
 * redelivery storm cannot flood the log. Nothing is dropped silently.
 */
public final class IgnoredResults {

    /** Why a result changed nothing. */
    public enum Reason {
        /** Its evaluation was answered already (a redelivery, or a request sent twice after a crash). */
        DUPLICATE("duplicate"),
        /** Its run never dispatched that evaluation. */
        UNKNOWN_EVALUATION("unknown-evaluation"),
        /** No run of that id exists here. */
        UNKNOWN_RUN("unknown-run"),
        /** Not even its ids could be read (not JSON, not a text message). */
        UNREADABLE("unreadable");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The name in metrics and REST. */
        public String label() {
            return label;
        }
    }

    static final long LOG_EVERY_MS = 10_000;

    private final Map<Reason, AtomicLong> counts = new EnumMap<>(Reason.class);
    private final Map<Reason, AtomicLong> lastLogged = new EnumMap<>(Reason.class);
    private final Map<Reason, AtomicLong> unlogged = new EnumMap<>(Reason.class);

    public IgnoredResults() {
        for (Reason reason : Reason.values()) {
            counts.put(reason, new AtomicLong());
            lastLogged.put(reason, new AtomicLong(Long.MIN_VALUE));
            unlogged.put(reason, new AtomicLong());
        }
    }

    /** Counts one ignored result and logs it unless this reason was logged within the last interval. */
    public void ignored(Reason reason, String evaluationId, String context) {
        counts.get(reason).incrementAndGet();
        long now = System.currentTimeMillis();
        AtomicLong last = lastLogged.get(reason);
        long before = last.get();
        if (now - before >= LOG_EVERY_MS && last.compareAndSet(before, now)) {
            long skipped = unlogged.get(reason).getAndSet(0);
            Log.infof("result %s ignored (%s, %s)%s", evaluationId, reason.label(), context,
                    skipped > 0 ? "; " + skipped + " more ignored for this reason since the last such line" : "");
        } else {
            unlogged.get(reason).incrementAndGet();
        }
    }

    public long count(Reason reason) {
        return counts.get(reason).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
