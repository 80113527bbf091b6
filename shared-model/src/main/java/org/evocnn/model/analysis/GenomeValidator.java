package org.evocnn.model.analysis;

import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.Violation;

import java.util.ArrayList;
import java.util.List;

/** Checks each field of a genome against the values a network can be built from, for a given input shape. */
public final class GenomeValidator {

    /** Most filters in one convolution. */
    public static final int MAX_FILTERS = 4096;
    /** Most units in one dense layer. */
    public static final int MAX_DENSE_SIZE = 100_000;

    private GenomeValidator() {
    }

    /** All field violations, in block order; empty when every field is in range. */
    public static List<Violation> validate(Genome genome, InputShape input) {
        List<Violation> problems = new ArrayList<>(0);
        int maxWindow = Math.min(input.height(), input.width());
        List<ConvPartBlock> conv = genome.convPart();
        for (int i = 0; i < conv.size(); i++) {
            String at = "conv[" + i + "].";
            if (conv.get(i) instanceof ConvBlock c) {
                range(problems, at + "filters", c.filters(), 1, MAX_FILTERS);
                range(problems, at + "kernelSize", c.kernelSize(), 1, maxWindow);
            } else {
                range(problems, at + "poolSize", ((PoolBlock) conv.get(i)).poolSize(), 1, maxWindow);
            }
        }
        List<DenseBlock> dense = genome.densePart();
        for (int i = 0; i < dense.size(); i++) {
            String at = "dense[" + i + "].";
            DenseBlock d = dense.get(i);
            range(problems, at + "size", d.size(), 1, MAX_DENSE_SIZE);
            if (!(d.dropout() >= 0.0 && d.dropout() < 1.0)) {
                problems.add(new Violation(at + "dropout", d.dropout() + " is outside [0, 1)"));
            }
        }
        return problems;
    }

    private static void range(List<Violation> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(new Violation(field, value + " is outside " + min + ".." + max));
        }
    }
}
