package org.evocnn.model.genome;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * An individual of the paper (section 3.1): I = (I1, I2), a convolutional part of conv and max-pool blocks followed by
 * a dense part, and optionally training genes (the optimizer, learning rate and batch size to train it with). The
 * softmax output layer is not part of the genome; the builder appends it.
 */
public record Genome(
        int schemaVersion,
        List<ConvPartBlock> convPart,
        List<DenseBlock> densePart,
        TrainingGenes training) {

    /** The genome JSON version of a genome without training genes (the paper's). */
    public static final int SCHEMA_VERSION = 1;
    /** The genome JSON version that may carry training genes. */
    public static final int SCHEMA_VERSION_WITH_TRAINING = 2;

    public Genome {
        if (schemaVersion != SCHEMA_VERSION && schemaVersion != SCHEMA_VERSION_WITH_TRAINING) {
            throw new FieldException("schemaVersion", schemaVersion + " is not supported (supported: 1, 2)");
        }
        convPart = List.copyOf(FieldException.required("conv", convPart));
        densePart = List.copyOf(FieldException.required("dense", densePart));
        if (training != null && schemaVersion < SCHEMA_VERSION_WITH_TRAINING) {
            throw new FieldException("training", "needs schemaVersion " + SCHEMA_VERSION_WITH_TRAINING);
        }
    }

    public Genome(int schemaVersion, List<ConvPartBlock> convPart, List<DenseBlock> densePart) {
        this(schemaVersion, convPart, densePart, null);
    }

    public Genome(List<ConvPartBlock> convPart, List<DenseBlock> densePart) {
        this(SCHEMA_VERSION, convPart, densePart, null);
    }

    /** A genome with training genes, or without them when {@code training} is null. */
    public Genome(List<ConvPartBlock> convPart, List<DenseBlock> densePart, TrainingGenes training) {
        this(training == null ? SCHEMA_VERSION : SCHEMA_VERSION_WITH_TRAINING, convPart, densePart, training);
    }

    /** This architecture with other training genes (or none). */
    public Genome withTraining(TrainingGenes genes) {
        return new Genome(convPart, densePart, genes);
    }

    /** Number of blocks in both parts. */
    public int blockCount() {
        return convPart.size() + densePart.size();
    }

    /**
     * A text that is equal for equal genomes: explicit paddings equal to the default are dropped, numbers are
     * written in one way; training genes, when present, follow the blocks (a genome without them has the form it
     * always had, so hashes of earlier runs still match).
     */
    public String canonicalForm() {
        StringBuilder sb = new StringBuilder(32 * (blockCount() + 1));
        for (ConvPartBlock block : convPart) {
            if (block instanceof ConvBlock c) {
                sb.append('C').append(c.filters()).append('k').append(c.kernelSize()).append(c.activation().keras());
            } else {
                sb.append('P').append(((PoolBlock) block).poolSize());
            }
            sb.append(block.effectivePadding() == Padding.SAME ? 's' : 'v').append(';');
        }
        sb.append('|');
        for (DenseBlock d : densePart) {
            sb.append('D').append(d.size()).append('d').append(d.dropout() == 0.0 ? "0" : Double.toString(d.dropout()))
                    .append(d.activation().keras()).append(';');
        }
        if (training != null) {
            sb.append("|T").append(training.canonical());
        }
        return sb.toString();
    }

    /** A 64-bit architecture hash (hex), the first 16 hex digits of SHA-256 over {@link #canonicalForm()}. */
    public String architectureHash() {
        byte[] digest = sha256().digest(canonicalForm().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The paper's listing style, one block per line: {@code conv #22 kernelsize=2 activation=tanh}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (ConvPartBlock block : convPart) {
            if (block instanceof ConvBlock c) {
                sb.append("conv #").append(c.filters()).append(" kernelsize=").append(c.kernelSize())
                        .append(" activation=").append(c.activation().keras());
                if (c.padding() != null) {
                    sb.append(" padding=").append(c.padding().keras());
                }
            } else {
                PoolBlock p = (PoolBlock) block;
                sb.append("pool poolsize=").append(p.poolSize());
                if (p.padding() != null) {
                    sb.append(" padding=").append(p.padding().keras());
                }
            }
            sb.append('\n');
        }
        for (DenseBlock d : densePart) {
            sb.append("dense #").append(d.size()).append(" dropout=")
                    .append(String.format(Locale.ROOT, "%.2f", d.dropout()).replaceAll("0$", ""))
                    .append(" activation=").append(d.activation().keras()).append('\n');
        }
        if (training != null) {
            sb.append(training.describe()).append('\n');
        }
        return sb.toString();
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }
}
