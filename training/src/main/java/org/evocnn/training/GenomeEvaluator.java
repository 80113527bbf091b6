package org.evocnn.training;

import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.Progress;

/** Turns a request into a result. Never throws: every problem becomes an {@code invalid} or {@code failed} result. */
public interface GenomeEvaluator {

    /** Asked between folds: true stops a fitness evaluation there (the evaluator is being shut down). */
    @FunctionalInterface
    interface Interruption {
        Interruption NEVER = () -> false;

        boolean requested();
    }

    /** A fitness evaluation stopped between folds on request: the folds done, to continue elsewhere. */
    final class Paused extends Exception {
        private final transient Progress progress;

        public Paused(Progress progress) {
            super("paused after " + progress.folds().size() + " fold(s)", null, false, false);
            this.progress = progress;
        }

        public Progress progress() {
            return progress;
        }
    }

    /** Evaluates to the end. An evaluator implements this, or the interruptible form below. */
    default EvaluationResult evaluate(EvaluationRequest request) {
        try {
            return evaluate(request, Interruption.NEVER);
        } catch (Paused p) {
            throw new IllegalStateException("paused without being asked to", p);
        }
    }

    /**
     * Evaluates, skipping the folds the request's progress has, and stops after a fold when {@code interruption}
     * asks to. Evaluators that cannot stop between folds just evaluate.
     *
     * @throws Paused with the folds done, when interrupted before the last
     */
    default EvaluationResult evaluate(EvaluationRequest request, Interruption interruption) throws Paused {
        return evaluate(request);
    }
}
