package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Bridge for DL4J 1.0.0-M2.1's oneDNN layer helpers. They look for oneDNN through
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()}, a class that moved in M2.1 to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with the method {@code isUseONEDNN()}; without
 * this class the helpers never load and convolutions run much slower. Reflection keeps the module compiling with
 * the CUDA backend, where the CPU class is absent and this reports false.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name, delegating to the M2.1 environment. */
    public static final class Environment {
        private static final String MOVED = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return (Boolean) call("isUseONEDNN", new Class<?>[0]);
        }

        public void allowHelpers(boolean allow) {
            call("allowHelpers", new Class<?>[] {boolean.class}, allow);
        }

        private static Object call(String name, Class<?>[] types, Object... args) {
            try {
                Class<?> moved = Class.forName(MOVED);
                Object environment = moved.getMethod("getInstance").invoke(null);
                Method method = moved.getMethod(name, types);
                return method.invoke(environment, args);
            } catch (ReflectiveOperationException | LinkageError e) {
                if ("isUseONEDNN".equals(name)) {
                    return false;
                }
                throw new IllegalStateException("ND4J CPU environment unavailable", e);
            }
        }
    }
}
