package org.evocnn.evolution.run;

import org.evocnn.evolution.broker.FreeBrokerPort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A runs directory, made before the service starts, as careless hands and crashes leave it: a journal with a
 * corrupt line in its middle ({@link #CORRUPT}), a sound one ({@link #SOUND}), one with a torn last line
 * ({@link #TORN}) and an empty one ({@link #EMPTY}). The journals are the format-1 fixtures.
 */
public class DamagedJournals extends FreeBrokerPort {

    public static final String CORRUPT = "run-20261129-083808-6fa8";
    public static final String SOUND = "run-20261129-083821-aec7";
    public static final String TORN = "run-20261129-083849-2449";
    public static final String EMPTY = "run-20261129-090000-0000";
    /** The line of {@link #CORRUPT} replaced by garbage (a result; 8 results come before it). */
    public static final int CORRUPT_LINE = 21;
    /** What the torn journal gets appended: the start of an entry, as a crash during a write leaves it. */
    public static final String TORN_TAIL = "{\"type\":\"result\",\"atMi";

    static volatile Path runsDir;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            Path dir = Files.createTempDirectory("evocnn-damaged-runs");
            List<String> lines = new ArrayList<>(fixture(CORRUPT).lines().toList());
            lines.set(CORRUPT_LINE - 1, "{\"type\":\"result\",\"atMillis\":17959414888");
            write(dir, CORRUPT, String.join("\n", lines) + "\n");
            write(dir, SOUND, fixture(SOUND));
            write(dir, TORN, fixture(TORN) + TORN_TAIL);
            write(dir, EMPTY, "");
            runsDir = dir;
            config.put("evocnn.runs-dir", dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return config;
    }

    static String fixture(String runId) throws IOException {
        try (InputStream in = DamagedJournals.class.getResourceAsStream("/journals/v1/" + runId + "/journal.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path dir, String runId, String text) throws IOException {
        Path file = dir.resolve(runId).resolve("journal.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
