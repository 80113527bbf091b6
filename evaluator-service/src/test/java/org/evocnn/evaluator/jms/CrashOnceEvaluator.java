package org.evocnn.evaluator.jms;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.evaluator.config.EvaluatorConfig;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.dl4j.Dl4jEvaluator;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluatorInfo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real DL4J evaluator, except that a request whose id starts with {@code crash-once} dies the first time it is
 * evaluated (as a process crash mid-training would), so tests can watch the transaction roll back.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashOnceEvaluator implements GenomeEvaluator {

    static final AtomicInteger CALLS = new AtomicInteger();
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();
    private final GenomeEvaluator delegate;

    @Inject
    public CrashOnceEvaluator(EvaluatorConfig config, DatasetRegistry datasets) {
        this.delegate = new Dl4jEvaluator(datasets, config.caps(), config.maxEvaluationTime(),
                new EvaluatorInfo("test", "cpu", "test"));
    }

    @Override
    public EvaluationResult evaluate(EvaluationRequest request) {
        CALLS.incrementAndGet();
        if (request.runId().startsWith("crash-once") && crashed.add(request.evaluationId())) {
            throw new IllegalStateException("simulated crash during training");
        }
        return delegate.evaluate(request);
    }
}
