package org.evocnn.evolution.run;

/** An operation that would change a run whose journal is damaged: the run is read-only until it is recovered. */
public final class RunDamagedException extends IllegalStateException {

    public RunDamagedException(String runId, JournalDamage damage) {
        super("run " + runId + " is damaged (" + damage + ") and read-only"
                + (damage.recoverable() ? "; POST /api/runs/" + runId + "/recover continues it from its good lines"
                : "; it cannot be recovered"));
    }
}
