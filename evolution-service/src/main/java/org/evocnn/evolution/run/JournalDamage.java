package org.evocnn.evolution.run;

import java.nio.file.Path;

/**
 * Why a run's journal cannot be continued as it is: the file, the first line that cannot be trusted, the reason,
 * and whether the run can be rebuilt from the good lines before it ({@code POST /api/runs/{id}/recover}).
 */
public record JournalDamage(Path file, int line, String reason, boolean recoverable) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
