package org.evocnn.training.dl4j;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deployment that asks for a backend gets it or a refusal that says why; never a silent fallback. */
class BackendTest {

    @Test
    void theCpuBackendIsUsableAndTheGpuOneIsRefusedWithWhatToCheck() {
        assertThatCode(() -> Backend.require("cpu")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Backend.require("cuda")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asks for cuda but ND4J runs on cpu")
                .hasMessageContaining("compute capability 8.6").hasMessageContaining("nvidia-smi");
    }
}
