package org.evocnn.tools.predict;

import org.evocnn.model.message.ModelManifest;
import org.evocnn.training.export.Classifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Classifies prepared images in batches and prints what the network says, and how right it was on labelled ones. */
final class Prediction {

    private static final int BATCH = 64;

    private final Classifier classifier;
    private final ModelManifest manifest;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean csv;
    private final int top;

    Prediction(Classifier classifier, ModelManifest manifest, PrintStream out, PrintStream err, boolean csv, int top) {
        this.classifier = classifier;
        this.manifest = manifest;
        this.out = out;
        this.err = err;
        this.csv = csv;
        this.top = top;
    }

    /** @return 0, or 2 when an image was skipped */
    int run(List<PredictCommand.Input> images, boolean labelled) {
        List<String> names = manifest.classNames();
        int[][] confusion = new int[names.size()][names.size()];
        int skipped = 0;
        int correct = 0;
        int counted = 0;
        if (csv) {
            out.println(labelled ? "file,label,class,probability" : "file,class,probability");
        }
        List<PredictCommand.Input> batch = new ArrayList<>();
        List<byte[]> pixels = new ArrayList<>();
        for (int i = 0; i <= images.size(); i++) {
            if (i < images.size()) {
                PredictCommand.Input input = images.get(i);
                Object prepared = PredictCommand.prepare(input.file(), manifest.input());
                if (prepared instanceof String reason) {
                    err.println(input.file() + ": skipped: " + reason);
                    skipped++;
                } else {
                    batch.add(input);
                    pixels.add((byte[]) prepared);
                }
            }
            if (batch.size() == BATCH || (i == images.size() && !batch.isEmpty())) {
                float[][] probabilities = classifier.probabilities(pixels);
                for (int b = 0; b < batch.size(); b++) {
                    PredictCommand.Input input = batch.get(b);
                    List<Classifier.Ranked> ranked = Classifier.top(probabilities[b], names, top);
                    print(input, ranked);
                    int truth = input.label() == null ? -1 : names.indexOf(input.label());
                    if (input.label() != null && truth < 0) {
                        err.println(input.file() + ": its folder '" + input.label() + "' is not a class of the "
                                + "network (" + String.join(", ", names) + "); not counted");
                    } else if (truth >= 0) {
                        counted++;
                        confusion[truth][ranked.get(0).index()]++;
                        correct += truth == ranked.get(0).index() ? 1 : 0;
                    }
                }
                batch.clear();
                pixels.clear();
            }
        }
        if (labelled && counted > 0) {
            summary(names, confusion, correct, counted);
        }
        return skipped > 0 ? 2 : 0;
    }

    private void print(PredictCommand.Input input, List<Classifier.Ranked> ranked) {
        Classifier.Ranked first = ranked.get(0);
        if (csv) {
            out.println(quote(input.file().toString())
                    + (input.label() == null ? "" : "," + quote(input.label())) + "," + quote(first.name()) + ","
                    + String.format(Locale.ROOT, "%.6f", first.probability()));
            return;
        }
        StringBuilder line = new StringBuilder(input.file().toString());
        for (Classifier.Ranked r : ranked) {
            line.append(String.format(Locale.ROOT, "  %s %.4f", r.name(), r.probability()));
        }
        out.println(line);
    }

    private void summary(List<String> names, int[][] confusion, int correct, int counted) {
        PrintStream to = csv ? err : out;
        to.printf(Locale.ROOT, "%naccuracy %.4f (%d of %d)%n", correct / (double) counted, correct, counted);
        to.println("confusion matrix (rows: the image's class, columns: the predicted class):");
        int width = Math.max(6, names.stream().mapToInt(String::length).max().orElse(1) + 1);
        StringBuilder head = new StringBuilder(" ".repeat(width));
        names.forEach(n -> head.append(pad(n, width)));
        to.println(head);
        for (int t = 0; t < names.size(); t++) {
            StringBuilder row = new StringBuilder(pad(names.get(t), width));
            for (int p = 0; p < names.size(); p++) {
                row.append(pad(Integer.toString(confusion[t][p]), width));
            }
            to.println(row);
        }
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", text);
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
