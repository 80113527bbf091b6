package org.evocnn.tools.inspect;

import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;

import org.evocnn.tools.cli.ShapeConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code inspect}: prints the layers, Keras-style summary, trainable parameters, FLOPs and architecture hash of a
 * genome JSON file (or of one of the paper's reference networks). Exit status 0 when the genome is buildable, 1 when
 * it is not, 2 for usage or read errors.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A genome's layers, Keras-style summary, parameters, FLOPs and architecture hash.")
public final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "GENOME.json", description = "a genome in evocnn's JSON form ('-' reads "
            + "standard input)")
    String file;
    @Option(names = "--reference", paramLabel = "ID", description = "one of the paper's networks: mnist-baseline, "
            + "mnist-evolved, fashion-baseline, fashion-evolved")
    String reference;
    @Option(names = "--list-references", description = "list the paper's networks")
    boolean list;
    @Option(names = "--input", paramLabel = "HxWxC", converter = ShapeConverter.class,
            description = "input image shape (default 28x28x1)")
    InputShape input = InputShape.MNIST;
    @Option(names = "--classes", paramLabel = "N", description = "classes, softmax units (default 10)")
    int classes = NetworkAnalyzer.DEFAULT_CLASSES;
    @Option(names = "--json", description = "also print the genome's canonical JSON")
    boolean json;

    private PrintStream out;
    private PrintStream err;

    private InspectCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InspectCommand command = new InspectCommand();
        command.out = out;
        command.err = err;
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Override
    public Integer call() {
        if (list) {
            for (ReferenceNetwork r : ReferenceNetwork.values()) {
                out.printf(Locale.ROOT, "%-17s %,10d params  %s%n", r.id(), r.paperParams(), r.source());
            }
            return 0;
        }
        if ((file == null) == (reference == null)) {
            err.println("inspect: give exactly one genome: a JSON file, '-' or --reference ID");
            return 2;
        }
        Genome genome;
        String title;
        try {
            if (reference != null) {
                ReferenceNetwork ref = ReferenceNetwork.byId(reference);
                genome = ref.genome();
                title = ref.id() + " (" + ref.source() + ", paper: " + String.format(Locale.ROOT, "%,d", ref.paperParams())
                        + " trainable params)";
            } else {
                String text = file.equals("-")
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file));
                genome = ModelJson.readGenome(text);
                title = file;
            }
        } catch (InvalidJsonException e) {
            err.println("inspect: " + file + " is not a valid genome:");
            e.violations().forEach(v -> err.println("  " + v));
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("inspect: cannot read " + (file != null ? file : "reference") + ": " + e.getMessage());
            return 2;
        }

        Architecture arch = NetworkAnalyzer.analyze(genome, input, classes);
        out.println("Genome " + title);
        out.print(genome.describe());
        out.println();
        out.print(arch.summary());
        out.println("Architecture hash: " + genome.architectureHash());
        if (json) {
            out.println();
            out.println(ModelJson.writePretty(genome));
        }
        return arch.valid() ? 0 : 1;
    }
}
