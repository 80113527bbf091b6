package org.evocnn.evaluator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.evocnn.training.nativecpu.NativeVariantException;
import org.evocnn.training.nativecpu.NativeVariants;

/**
 * Chooses the native CPU build for this CPU before anything can load ND4J, then starts Quarkus. Where no carried
 * build runs here, or the one asked for does not, it stops with one line and status 3 instead of dying of an
 * illegal instruction in its first training.
 */
@QuarkusMain
public final class EvaluatorMain {

    private EvaluatorMain() {
    }

    public static void main(String... args) {
        try {
            NativeVariants.select();
        } catch (NativeVariantException e) {
            System.err.println("evocnn evaluator cannot start: " + e.getMessage());
            System.exit(NativeVariantException.EXIT_STATUS);
        }
        Quarkus.run(args);
    }
}
