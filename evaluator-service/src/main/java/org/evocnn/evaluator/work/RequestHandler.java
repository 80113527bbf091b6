package org.evocnn.evaluator.work;

import io.quarkus.logging.Log;
import org.evocnn.evaluator.k8s.PodDeletionCost;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Progress;
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.training.data.DatasetRegistry;

import java.util.Optional;

/**
 * What an evaluator does with one request, whatever transport brought it: reads it, evaluates it and says what to
 * send. A readable request is answered on its reply queue with its rung carried back; an unreadable one with readable
 * ids is answered as failed, one without is dead-lettered; a fitness evaluation interrupted by a stop is handed on with
 * its finished folds, until it has been interrupted too often. Knows no JMS: {@link #handle} returns a
 * {@link Disposition} that the consumer sends and commits, then reports with {@link #committed}.
 */
public final class RequestHandler {

    private final GenomeEvaluator evaluator;
    private final EvaluatorMetrics metrics;
    private final DatasetRegistry datasets;
    private final Optional<PodDeletionCost> deletionCost;
    private final int maxInterruptions;

    public RequestHandler(GenomeEvaluator evaluator, EvaluatorMetrics metrics, DatasetRegistry datasets,
                          Optional<PodDeletionCost> deletionCost, int maxInterruptions) {
        this.evaluator = evaluator;
        this.metrics = metrics;
        this.datasets = datasets;
        this.deletionCost = deletionCost;
        this.maxInterruptions = maxInterruptions;
    }

    /** Reads and evaluates a delivery; {@code stopping} says whether the evaluator is shutting down. */
    public Disposition handle(Delivery delivery, GenomeEvaluator.Interruption stopping) {
        if (delivery.body() == null) {
            return new Disposition.DeadLetter("", "unreadable request: a " + delivery.kind()
                    + ", not a text message holding JSON");
        }
        EvaluationRequest request;
        try {
            request = ModelJson.readRequest(delivery.body());
        } catch (InvalidJsonException e) {
            return malformed(delivery, e.getMessage());
        }
        if (!delivery.hasReplyTo()) {
            return new Disposition.DeadLetter(delivery.body(), "request " + request.evaluationId()
                    + " has no JMSReplyTo");
        }
        String correlation = delivery.correlation(request.evaluationId());
        metrics.busy(true);
        deletionCost.ifPresent(PodDeletionCost::busy);
        try {
            EvaluationResult result = evaluator.evaluate(request, stopping).atRung(request.rung());
            return new Disposition.Reply(correlation, result, request);
        } catch (GenomeEvaluator.Paused paused) {
            return handOn(correlation, request, paused.progress());
        } finally {
            metrics.busy(false);
            deletionCost.ifPresent(PodDeletionCost::idle);
        }
    }

    /** Past the cap on interruptions the delivery is rolled back instead, so a cursed request ends in the DLQ. */
    private Disposition handOn(String correlation, EvaluationRequest request, Progress done) {
        if (done.interruptions() >= maxInterruptions) {
            return new Disposition.Redeliver("evaluation " + request.evaluationId() + " interrupted "
                    + done.interruptions() + " times");
        }
        return new Disposition.HandOn(correlation, request.withProgress(new Progress(done.interruptions() + 1,
                done.folds())));
    }

    private Disposition malformed(Delivery delivery, String problem) {
        Optional<EvaluationId> id = ModelJson.readIds(delivery.body());
        if (id.isPresent() && delivery.hasReplyTo()) {
            EvaluationResult failed = EvaluationResult.failed(id.get(), "malformed request: " + problem, 0, null);
            return new Disposition.Reply(delivery.correlation(id.get().text()), failed, null);
        }
        return new Disposition.DeadLetter(delivery.body(), "unreadable request: " + problem);
    }

    /** What was sent and committed: counted and logged. */
    public void committed(Disposition done) {
        if (done instanceof Disposition.Reply reply) {
            EvaluationResult result = reply.result();
            metrics.record(result);
            if (reply.request() == null) {
                Log.warnf("malformed request %s answered as failed: %s", result.evaluationId(), result.error());
                return;
            }
            int trainSize = datasets.loadedTrainSize(reply.request().task().dataset());
            if (result.isOk() && trainSize > 0) {
                metrics.throughput(reply.request().kind(), reply.request().task(), trainSize, result.wallSeconds());
            }
            Log.infof("evaluation %s: %s in %.1f s", result.evaluationId(), result.status(), result.wallSeconds());
        } else if (done instanceof Disposition.HandOn handOn) {
            metrics.handedOn();
            Log.infof("evaluation %s handed on after %d of %d folds (interruption %d)",
                    handOn.request().evaluationId(), handOn.request().progress().folds().size(),
                    handOn.request().task().folds(), handOn.request().progress().interruptions());
        } else if (done instanceof Disposition.DeadLetter dead) {
            metrics.deadLettered();
            Log.errorf("request moved to the dead-letter queue: %s", dead.reason());
        } else if (done instanceof Disposition.Redeliver redeliver) {
            Log.warnf("%s: rolled back for the broker to redeliver", redeliver.reason());
        }
    }
}
