package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run id reaches file names on evaluators and in the service: only plain names are ids at all. */
class EvaluationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../../../tmp/x", "/tmp/abs", "a/b", "a\\b", "..", "run..x", ".hidden", "-dash",
            "a%2F..%2Fb", "a\u0000b", "a b", "run\n", "ü"})
    void aRunIdThatIsNotAPlainNameIsRefused(String runId) {
        assertThatThrownBy(() -> EvaluationId.fitness(runId, 1)).isInstanceOf(FieldException.class)
                .hasMessageContaining("runId").hasMessageContaining("is not a plain name")
                .hasMessageNotContaining("\u0000");
        assertThatThrownBy(() -> EvaluationId.finalTraining(runId, 1, 1)).isInstanceOf(FieldException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 5_000})
    void aVeryLongRunIdIsRefusedAndNotEchoedWhole(int length) {
        String runId = "r".repeat(length);
        assertThatThrownBy(() -> EvaluationId.fitness(runId, 1)).isInstanceOf(FieldException.class)
                .hasMessageContaining("r".repeat(40) + "...").hasMessageNotContaining("r".repeat(41));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run-20261204-033905-9516", "bench", "run-it", "a.b_c-d", "R2"})
    void theServicesOwnIdsAndPlainNamesAreIds(String runId) {
        assertThat(EvaluationId.fitness(runId, 7).text()).isEqualTo(runId + "-000007");
        assertThat(EvaluationId.fitness("r".repeat(128), 1).runId()).hasSize(128);
    }
}
