package org.evocnn.evolution.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Ignored-result counts survive a restart: a new counter over the same file starts where the last one stopped. */
class IgnoredResultsTest {

    @Test
    void countsSurviveARestartAndADamagedFileStartsFromZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ignored.properties");
        IgnoredResults before = new IgnoredResults(file);
        before.ignored(IgnoredResults.Reason.DUPLICATE, "r-000001", "test");
        before.ignored(IgnoredResults.Reason.DUPLICATE, "r-000001", "test");
        before.ignored(IgnoredResults.Reason.UNKNOWN_EVALUATION, "r-000099", "test");

        IgnoredResults after = new IgnoredResults(file);
        assertThat(after.count(IgnoredResults.Reason.DUPLICATE)).isEqualTo(2);
        assertThat(after.count(IgnoredResults.Reason.UNKNOWN_EVALUATION)).isEqualTo(1);
        assertThat(after.total()).isEqualTo(3);
        after.ignored(IgnoredResults.Reason.UNKNOWN_RUN, "x-000001", "test");
        assertThat(new IgnoredResults(file).total()).isEqualTo(4);

        Files.writeString(file, "duplicate=many\nunknown-run=-3\n");
        assertThat(new IgnoredResults(file).total()).as("nonsense counts as nothing").isZero();
    }
}
