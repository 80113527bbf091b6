package org.evocnn.tools.bench;

import org.evocnn.training.dl4j.Backend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training in the tools' own process (the training benchmark, the fidelity study, predictions) gets DL4J's oneDNN
 * helpers on the CPU build: the bridge class lives in `training`, which every trainer has; without it convolutions
 * took DL4J's Java path, 7.5 times slower, and said so only as "conv layer helper: none".
 */
class OneDnnHelpersTest {

    @Test
    void aConvolutionInTheToolsProcessTrainsWithOneDnn() {
        assertThat(Backend.requireOneDnnHelpers(false)).isEqualTo("MKLDNNConvHelper");
        assertThat(Backend.device()).contains("oneDNN").contains("nd4j onednn");
    }
}
