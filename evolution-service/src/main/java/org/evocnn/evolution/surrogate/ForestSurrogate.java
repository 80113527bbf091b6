package org.evocnn.evolution.surrogate;

import org.evocnn.engine.surrogate.SurrogateModel;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

import java.util.List;

/**
 * The surrogate the service fits for pre-screening: a random forest of regression trees (Tribuo), a model that needs
 * no scaling of its features, copes with a few dozen examples and captures the loss's non-linear dependence on size.
 * Each fit uses a new trainer with a fixed seed, so the same results give the same forest (a replay refits the same).
 */
public final class ForestSurrogate implements SurrogateModel.Trainer {

    private static final RegressionFactory FACTORY = new RegressionFactory();
    private static final String TARGET = "loss";

    private final int trees;
    private final int maxDepth;
    private final long seed;

    public ForestSurrogate(int trees, int maxDepth, long seed) {
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.seed = seed;
    }

    /** 32 trees of depth at most 8, each split drawing from half the features. */
    public static ForestSurrogate defaults(long seed) {
        return new ForestSurrogate(32, 8, seed);
    }

    @Override
    public SurrogateModel fit(List<String> featureNames, double[][] features, double[] losses) {
        String[] names = featureNames.toArray(String[]::new);
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("evocnn run results", FACTORY), FACTORY);
        for (int i = 0; i < features.length; i++) {
            data.add(new ArrayExample<>(new Regressor(TARGET, losses[i]), names, features[i]));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(maxDepth, 2f, 0f, 0.5f, false, new MeanSquaredError(),
                seed);
        Model<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed).train(data);
        return x -> {
            Example<Regressor> example = new ArrayExample<>(FACTORY.getUnknownOutput(), names, x);
            return forest.predict(example).getOutput().getValues()[0];
        };
    }
}
