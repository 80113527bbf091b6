package org.evocnn.tools.cli;

import org.evocnn.training.nativecpu.NativeVariantException;
import picocli.CommandLine;

/** How the tools that train in their own process run a command line. */
public final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} on {@code args}; where no carried ND4J build runs on this CPU (or the one asked for does
     * not), one line and status 3 instead of a stack trace.
     *
     * @return the exit status
     */
    public static int execute(CommandLine line, String[] args) {
        CommandLine.IExecutionExceptionHandler inner = line.getExecutionExceptionHandler();
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof NativeVariantException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                return NativeVariantException.EXIT_STATUS;
            }
            return inner == null ? rethrow(e) : inner.handleExecutionException(e, cmd, parsed);
        });
        return line.execute(args);
    }

    private static int rethrow(Exception e) throws Exception {
        throw e;
    }
}
