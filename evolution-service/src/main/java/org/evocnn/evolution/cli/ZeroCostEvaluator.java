package org.evocnn.evolution.cli;

import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;

import java.util.List;

/**
 * An evaluator that answers at once, for measuring the master alone: the loss grows with the distance of the
 * genome's size from 250,000 parameters, so selection still has something to work on.
 */
public final class ZeroCostEvaluator {

    private static final EvaluatorInfo WHO = new EvaluatorInfo("zero-cost", "simulated", "none");

    private ZeroCostEvaluator() {
    }

    public static EvaluationResult answer(EvaluationRequest request) {
        long params = NetworkAnalyzer.analyze(request.genome()).trainableParams();
        double loss = 0.05 + Math.abs(Math.log10(Math.max(1, params) / 250_000.0)) * 0.1;
        Fitness fitness = request.kind() == EvaluationKind.FINAL
                ? Fitness.ofTest(loss, 0.95 + request.task().seed() / 100.0)
                : Fitness.ofFolds(List.of(loss, loss), List.of(0.9, 0.9));
        return EvaluationResult.ok(request, fitness, params, 0.0, WHO);
    }
}
