package org.nd4j.nativeblas;

/**
 * Bridge for DL4J 1.0.0-M2.1's oneDNN layer helpers. They look for oneDNN through
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, a class that moved in M2.1 to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with the method {@code isUseONEDNN()}; without
 * this class the helpers never load and convolutions run ~7x slower. Only meaningful with an {@code -onednn} build.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name, delegating to the M2.1 environment. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }

        public void allowHelpers(boolean allow) {
            org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().allowHelpers(allow);
        }
    }
}
