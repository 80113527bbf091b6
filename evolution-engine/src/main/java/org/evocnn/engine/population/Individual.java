package org.evocnn.engine.population;

import org.evocnn.model.genome.Genome;

import java.util.Objects;

/**
 * An evaluated genome: a member of the population.
 *
 * @param sequence        the evaluation's number within its run (1, 2, ...)
 * @param loss            mean cross-validation loss
 * @param accuracy        mean cross-validation accuracy
 * @param trainableParams of the built network
 * @param flops           its forward FLOPs per sample
 * @param rung            the successive-halving rung it was evaluated at (0 without halving); below the top rung, in
 *                        a rung-adjusted population, {@code loss} is the estimate at the top rung
 */
public record Individual(long sequence, Genome genome, double loss, double accuracy, long trainableParams,
                         long flops, int rung) {

    public Individual {
        Objects.requireNonNull(genome, "genome");
        if (Double.isNaN(loss) || Double.isNaN(accuracy)) {
            throw new IllegalArgumentException("fitness of evaluation " + sequence + " is NaN");
        }
    }

    public Individual(long sequence, Genome genome, double loss, double accuracy, long trainableParams,
                      long flops) {
        this(sequence, genome, loss, accuracy, trainableParams, flops, 0);
    }

    /** The same result with its loss moved by {@code offset} (rung-adjusted selection). */
    public Individual adjustedBy(double offset) {
        return new Individual(sequence, genome, loss + offset, accuracy, trainableParams, flops, rung);
    }

    /** An individual whose FLOPs nobody asks for (tests, scalar objectives). */
    public Individual(long sequence, Genome genome, double loss, double accuracy, long trainableParams) {
        this(sequence, genome, loss, accuracy, trainableParams, 0);
    }
}
