package org.evocnn.training.nativecpu;

/** No carried native build fits this CPU, or the one asked for does not: a one-line message says which and why. */
public final class NativeVariantException extends IllegalStateException {

    /** The exit status of a process that stops for it. */
    public static final int EXIT_STATUS = 3;

    NativeVariantException(String message) {
        super(message);
    }
}
