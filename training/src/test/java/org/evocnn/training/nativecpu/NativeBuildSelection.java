package org.evocnn.training.nativecpu;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the native CPU build before any test runs, as every entry point of evocnn does before ND4J loads: a test
 * that touches ND4J first would otherwise load JavaCPP's own pick, whatever the CPU. Registered through
 * {@code META-INF/services} in this module's test jar, which the other modules' tests put on their class path.
 */
public final class NativeBuildSelection implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeVariants.select().ifPresent(choice -> System.out.println("ND4J native build: " + choice));
    }
}
