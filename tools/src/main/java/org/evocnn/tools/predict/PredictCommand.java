package org.evocnn.tools.predict;

import org.evocnn.tools.cli.Commands;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.training.data.Images;
import org.evocnn.training.export.Classifier;
import org.evocnn.training.export.TrainedNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code scripts/evocnn-predict}: classifies images with a network evocnn trained, downloaded as a DL4J file (with its
 * manifest next to it) or as ONNX (run by ONNX Runtime). Images are prepared as the data import prepares them.
 */
@Command(name = "evocnn-predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies images with a trained network from evocnn: MODEL is a DL4J file (.zip, with its "
                + "manifest MODEL.json next to it, or --manifest) or an ONNX file (.onnx, whose manifest is inside).",
                "Each IMAGE is an image file or a folder of them; a folder of class folders (as the data import reads "
                        + "them) is a labelled test: its accuracy and confusion matrix are printed too.",
                "Images are resized, made grey or RGB and scaled as the data import does; a colour image given to "
                        + "a network trained on grey ones is skipped (exit code 2)."})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the network: a .zip (DL4J) or a .onnx file")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "image files or folders")
    List<Path> inputs;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "the DL4J file's manifest (default: MODEL with .json for .zip)")
    Path manifestFile;

    @Option(names = "--csv", description = "one line per image: file,class,probability (and label in a labelled test)")
    boolean csv;

    @Option(names = "--top", description = "classes shown per image (default: ${DEFAULT-VALUE})")
    int top = 1;

    private final PrintStream out;
    private final PrintStream err;

    public PredictCommand() {
        this(System.out, System.err);
    }

    PredictCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(Commands.execute(commandLine(new PredictCommand()), args));
    }

    /** The command line, answering a file it cannot use with the reason rather than a stack trace. */
    static CommandLine commandLine(PredictCommand command) {
        return new CommandLine(command).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("evocnn-predict: " + e.getMessage());
            return 1;
        });
    }

    /** One image to classify, with its class when it comes from a class folder. */
    record Input(Path file, String label) {
    }

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--top must be at least 1");
        }
        try (Classifier classifier = open()) {
            ModelManifest manifest = classifier.manifest();
            List<Input> images = new ArrayList<>();
            boolean labelled = false;
            for (Path input : inputs) {
                if (Files.isDirectory(input) && !classFolders(input).isEmpty()) {
                    labelled = true;
                    for (String c : classFolders(input)) {
                        imagesIn(input.resolve(c)).forEach(f -> images.add(new Input(f, c)));
                    }
                } else if (Files.isDirectory(input)) {
                    imagesIn(input).forEach(f -> images.add(new Input(f, null)));
                } else if (Files.isRegularFile(input)) {
                    images.add(new Input(input, null));
                } else {
                    err.println(input + ": no such file or folder");
                    return 1;
                }
            }
            return new Prediction(classifier, manifest, out, err, csv, top).run(images, labelled);
        }
    }

    private Classifier open() throws IOException {
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return new OnnxClassifier(model);
        }
        Path manifestPath = manifestFile != null ? manifestFile
                : model.resolveSibling(model.getFileName().toString().replaceFirst("\\.zip$", "") + ".json");
        if (!Files.isRegularFile(manifestPath)) {
            throw new IOException(model + " needs its manifest: " + manifestPath + " is missing (download it from "
                    + "the final training's /manifest, or give --manifest)");
        }
        ModelManifest manifest = ModelJson.read(Files.readString(manifestPath), ModelManifest.class);
        return TrainedNetwork.load(model, manifest);
    }

    static List<String> classFolders(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    static List<Path> imagesIn(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** An image as the data import prepares it for this network, or why it cannot be. */
    static Object prepare(Path file, InputShape shape) {
        BufferedImage image;
        try {
            image = Images.decode(Files.readAllBytes(file)); // its header's size checked before decoding
        } catch (Images.TooLarge e) {
            return e.getMessage().replaceFirst("^the image ", "");
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            return "not an image this tool reads (PNG, JPEG, BMP, GIF)";
        }
        if (shape.channels() == 1 && Images.isColour(image)) {
            return "has colour; the network was trained on grey images";
        }
        return Images.pixels(image, shape);
    }
}
