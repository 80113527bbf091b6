package org.evocnn.engine.surrogate;

import org.evocnn.engine.operators.Offspring;
import org.evocnn.engine.population.Objective;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A run's surrogate: the results it learns from, the current model, and how well its predictions ranked the results
 * of the candidates it chose (Spearman's rank correlation, the figure that says whether screening helps). Refits are
 * tied to result counts, so a replay refits, predicts and chooses exactly as the run did.
 */
public final class Surrogate {

    private final Screening screening;
    private final SurrogateModel.Trainer trainer;
    private final List<double[]> features = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<double[]> predictedAndActual = new ArrayList<>();
    private SurrogateModel model;

    public Surrogate(Screening screening, SurrogateModel.Trainer trainer) {
        this.screening = screening;
        this.trainer = trainer;
    }

    /** An ok result at the fidelity new genomes are evaluated at; refits when the count says so. */
    public void observed(Offspring offspring, double loss) {
        features.add(Features.of(offspring.genome(), offspring.trainableParams(), offspring.flops()));
        losses.add(loss);
        int n = losses.size();
        if (n >= screening.minResults() && (model == null || (n - screening.minResults()) % screening.refitEvery() == 0)) {
            model = trainer.fit(Features.NAMES, features.toArray(double[][]::new),
                    losses.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** The result of a candidate the surrogate chose, for the rank correlation. */
    public void judged(double predicted, double actual) {
        predictedAndActual.add(new double[] {predicted, actual});
    }

    public boolean active() {
        return model != null;
    }

    public int candidates() {
        return screening.candidates();
    }

    /** The predicted loss of an offspring. @throws IllegalStateException before the first fit */
    public double predict(Offspring offspring) {
        if (model == null) {
            throw new IllegalStateException("the surrogate has no model yet");
        }
        return model.predict(Features.of(offspring.genome(), offspring.trainableParams(), offspring.flops()));
    }

    /** The offspring the surrogate chose and the loss it predicted for it. */
    public record Choice(Offspring offspring, double predicted) {
    }

    /**
     * Breeds {@link #candidates()} offspring with {@code make} and chooses the one with the lowest screening key
     * (the predicted loss, plus what the objective prices without training); the first of equals.
     */
    public Choice choose(Supplier<Offspring> make, Objective objective) {
        Choice best = null;
        double bestKey = Double.POSITIVE_INFINITY;
        for (int i = 0; i < screening.candidates(); i++) {
            Offspring offspring = make.get();
            double predicted = predict(offspring);
            double key = objective.screeningKey(predicted, offspring.trainableParams(), offspring.flops());
            if (best == null || key < bestKey) {
                best = new Choice(offspring, predicted);
                bestKey = key;
            }
        }
        return best;
    }

    /** Spearman's rank correlation of predicted and measured losses of chosen candidates; NaN below three. */
    public double rankCorrelation() {
        if (predictedAndActual.size() < 3) {
            return Double.NaN;
        }
        return RankCorrelation.spearman(predictedAndActual.stream().mapToDouble(a -> a[0]).toArray(),
                predictedAndActual.stream().mapToDouble(x -> x[1]).toArray());
    }
}
