package org.evocnn.training.export;

import org.evocnn.model.message.ModelManifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A trained network that gives class probabilities for images prepared as its manifest says. */
public interface Classifier extends AutoCloseable {

    ModelManifest manifest();

    /**
     * Class probabilities, one row per image.
     *
     * @param images each one image's bytes in the manifest's shape, channel by channel ({@code Images.pixels})
     */
    float[][] probabilities(List<byte[]> images);

    @Override
    void close();

    /** One class and its probability. */
    record Ranked(int index, String name, double probability) {
    }

    /** The {@code k} most probable classes of one row of probabilities, most probable first. */
    static List<Ranked> top(float[] probabilities, List<String> names, int k) {
        List<Ranked> all = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            all.add(new Ranked(i, names.get(i), probabilities[i]));
        }
        all.sort(Comparator.comparingDouble(Ranked::probability).reversed().thenComparingInt(Ranked::index));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** The most probable class of one row of probabilities (the first of equals). */
    static int argmax(float[] probabilities) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The images as the network's input values: bytes times the pixel scale, one image after another. */
    static float[] inputValues(ModelManifest manifest, List<byte[]> images) {
        int px = manifest.input().height() * manifest.input().width() * manifest.input().channels();
        float scale = (float) manifest.pixelScale();
        float[] values = new float[images.size() * px];
        for (int i = 0; i < images.size(); i++) {
            byte[] image = images.get(i);
            if (image.length != px) {
                throw new IllegalArgumentException("image " + (i + 1) + " has " + image.length + " values, the network "
                        + "takes " + px + " (" + manifest.input() + ")");
            }
            for (int j = 0; j < px; j++) {
                values[i * px + j] = (image[j] & 0xff) * scale;
            }
        }
        return values;
    }
}
