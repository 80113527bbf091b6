package org.evocnn.model.analysis;

import org.evocnn.model.genome.FieldException;

import java.util.Locale;
import java.util.Optional;

/**
 * Bounds on what one evaluation may cost, checked before a network is built: trainable parameters, forward FLOPs
 * per sample, and the memory one training step holds ({@link Architecture#trainingBytes}). The evaluators refuse
 * genomes over their caps as {@code invalid}; the search space and the final-training endpoint apply the same caps
 * so that no such genome is bred or sent. 0 means no cap.
 */
public record ResourceCaps(long maxParams, long maxFlopsPerSample, long maxTrainingBytes) {

    /** Most trainable parameters by default. */
    public static final long DEFAULT_MAX_PARAMS = 5_000_000;
    /** Most forward FLOPs per sample by default: 2 GFLOP, about 60 times the paper's largest network. */
    public static final long DEFAULT_MAX_FLOPS = 2_000_000_000L;
    /** Most bytes one training step may hold by default: 2 GiB. */
    public static final long DEFAULT_MAX_TRAINING_BYTES = 2L << 30;

    /** The defaults above. */
    public static final ResourceCaps DEFAULTS = new ResourceCaps(DEFAULT_MAX_PARAMS, DEFAULT_MAX_FLOPS,
            DEFAULT_MAX_TRAINING_BYTES);
    /** No cap at all. */
    public static final ResourceCaps NONE = new ResourceCaps(0, 0, 0);

    public ResourceCaps {
        if (maxParams < 0) {
            throw new FieldException("maxParams", maxParams + " is negative");
        }
        if (maxFlopsPerSample < 0) {
            throw new FieldException("maxFlops", maxFlopsPerSample + " is negative");
        }
        if (maxTrainingBytes < 0) {
            throw new FieldException("maxTrainingBytes", maxTrainingBytes + " is negative");
        }
    }

    /** Whether a network may be trained: buildable and within every cap (cheap: no message is made). */
    public boolean allows(Architecture arch, int batchSize, int optimizerStateCopies) {
        return arch.valid()
                && (maxParams == 0 || arch.trainableParams() <= maxParams)
                && (maxFlopsPerSample == 0 || arch.flopsPerSample() <= maxFlopsPerSample)
                && (maxTrainingBytes == 0 || arch.trainingBytes(batchSize, optimizerStateCopies) <= maxTrainingBytes);
    }

    /**
     * Why a network may not be trained (it cannot be built, or an estimate exceeds a cap, naming the estimate and the
     * cap), or empty when it may.
     */
    public Optional<String> rejection(Architecture arch, int batchSize, int optimizerStateCopies) {
        if (!arch.valid()) {
            return Optional.of(arch.problemText());
        }
        if (maxParams > 0 && arch.trainableParams() > maxParams) {
            return Optional.of(String.format(Locale.ROOT, "%,d trainable parameters exceed the cap of %,d",
                    arch.trainableParams(), maxParams));
        }
        if (maxFlopsPerSample > 0 && arch.flopsPerSample() > maxFlopsPerSample) {
            return Optional.of(String.format(Locale.ROOT, "%,d forward FLOPs per sample exceed the cap of %,d",
                    arch.flopsPerSample(), maxFlopsPerSample));
        }
        long bytes = arch.trainingBytes(batchSize, optimizerStateCopies);
        if (maxTrainingBytes > 0 && bytes > maxTrainingBytes) {
            return Optional.of(String.format(Locale.ROOT, "training needs about %s per batch of %d, over the cap of %s",
                    mebibytes(bytes), batchSize, mebibytes(maxTrainingBytes)));
        }
        return Optional.empty();
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
