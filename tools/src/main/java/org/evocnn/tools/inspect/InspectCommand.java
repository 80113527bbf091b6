package org.evocnn.tools.inspect;

import org.evocnn.model.analysis.Architecture;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.analysis.NetworkAnalyzer;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.InvalidJsonException;
import org.evocnn.model.json.ModelJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code inspect}: prints the layers, Keras-style summary, trainable parameters, FLOPs and architecture hash of a
 * genome JSON file (or of one of the paper's reference networks). Exit status 0 when the genome is buildable, 1 when
 * it is not, 2 for usage or read errors.
 */
public final class InspectCommand {

    static final String USAGE = """
            usage: inspect [--input HxWxC] [--classes N] [--json] GENOME.json | - | --reference ID
                   inspect --list-references
              GENOME.json   a genome in evocnn's JSON form ('-' reads standard input)
              --reference   one of the paper's networks: mnist-baseline, mnist-evolved, fashion-baseline,
                            fashion-evolved
              --input       input image shape, default 28x28x1
              --classes     number of classes (softmax units), default 10
              --json        also print the genome's canonical JSON
            """;

    private InspectCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InputShape input = InputShape.MNIST;
        int classes = NetworkAnalyzer.DEFAULT_CLASSES;
        boolean json = false;
        String file = null;
        String reference = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--input" -> input = parseShape(value(args, ++i, "--input"));
                    case "--classes" -> classes = Integer.parseInt(value(args, ++i, "--classes"));
                    case "--json" -> json = true;
                    case "--reference" -> reference = value(args, ++i, "--reference");
                    case "--list-references" -> {
                        for (ReferenceNetwork r : ReferenceNetwork.values()) {
                            out.printf(Locale.ROOT, "%-17s %,10d params  %s%n", r.id(), r.paperParams(), r.source());
                        }
                        return 0;
                    }
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        file = args[i];
                    }
                }
            }
            if ((file == null) == (reference == null)) {
                throw new IllegalArgumentException("give exactly one genome: a JSON file, '-' or --reference ID");
            }
        } catch (IllegalArgumentException e) {
            err.println("inspect: " + e.getMessage());
            err.print(USAGE);
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

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static InputShape parseShape(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--input must look like 28x28x1, got '" + text + "'");
        }
        return new InputShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
