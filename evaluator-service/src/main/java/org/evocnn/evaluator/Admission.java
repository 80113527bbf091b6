package org.evocnn.evaluator;

import org.evocnn.model.analysis.Architecture;

import java.util.Locale;
import java.util.Optional;

/** Whether a genome may be trained: it must build for the data set's shape and stay within the parameter cap. */
public final class Admission {

    private Admission() {
    }

    /** The reason the genome is invalid, if it is. */
    public static Optional<String> rejection(Architecture arch, long maxParams) {
        if (!arch.valid()) {
            return Optional.of(arch.problemText());
        }
        if (maxParams > 0 && arch.trainableParams() > maxParams) {
            return Optional.of(String.format(Locale.ROOT, "%,d trainable parameters exceed the cap of %,d",
                    arch.trainableParams(), maxParams));
        }
        return Optional.empty();
    }
}
