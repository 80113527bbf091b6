package org.evocnn.evolution.run;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Results the service took from the broker and did not act on, counted by reason and logged at INFO with their ids,
 * at most once per reason every {@value #LOG_EVERY_MS} ms (the line says how many were not logged since), so a
 * redelivery storm cannot flood the log. Nothing is dropped silently. With a file, the counts survive restarts: it is
 * read at start and rewritten (atomically) at every count.
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
    private final Path file; // null: counts in memory only

    /** Counts kept in memory only. */
    public IgnoredResults() {
        this(null);
    }

    /** Counts kept in {@code file} too ({@code reason-label=count} lines), starting from what it holds. */
    public IgnoredResults(Path file) {
        this.file = file;
        Properties saved = new Properties();
        if (file != null && Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                saved.load(in);
            } catch (IOException | IllegalArgumentException e) {
                Log.warnf("ignored-result counts in %s unreadable (%s): counting from 0", file, e.getMessage());
            }
        }
        for (Reason reason : Reason.values()) {
            counts.put(reason, new AtomicLong(parse(saved.getProperty(reason.label()))));
            lastLogged.put(reason, new AtomicLong(Long.MIN_VALUE));
            unlogged.put(reason, new AtomicLong());
        }
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the counts beside the file and moves them over it, so a crash leaves the old or the new ones. */
    private synchronized void save() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        counts.forEach((reason, count) -> p.setProperty(reason.label(), Long.toString(count.get())));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (var out = Files.newBufferedWriter(temp)) {
                p.store(out, "results ignored, by reason");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warnf("ignored-result counts not saved to %s: %s", file, e.getMessage());
        }
    }

    /** Counts one ignored result and logs it unless this reason was logged within the last interval. */
    public void ignored(Reason reason, String evaluationId, String context) {
        counts.get(reason).incrementAndGet();
        save();
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
