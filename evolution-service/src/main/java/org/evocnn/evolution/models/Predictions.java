package org.evocnn.evolution.models;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.training.data.Images;
import org.evocnn.training.export.Classifier;
import org.evocnn.training.export.TrainedNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies a user's image with a stored network, as the data import prepares images (decoded, resized bilinearly,
 * grey or RGB, scaled by the manifest's factor): a grey image given to a colour network is taken as RGB, a colour
 * image given to a grey network is refused, since the import never makes grey data of colour images. Networks stay loaded, the least recently used unloaded past
 * {@code evocnn.models.loaded}; one image is classified at a time.
 */
@ApplicationScoped
public class Predictions {

    @Inject
    ModelsConfig config;

    /** By file and manifest: a changed manifest (another input shape, other classes) loads the network anew. */
    private final Map<ModelStore.Stored, TrainedNetwork> loaded = new LinkedHashMap<>(4, 0.75f, true); // guarded by this

    /** An image that is not one (415), is too large (413) or cannot be given to this network (400), and why. */
    public static final class BadImage extends RuntimeException {
        private final int status;

        public BadImage(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What a network makes of one image. */
    public record Prediction(String evaluationId, InputShape input, List<Classifier.Ranked> classes) {
    }

    /** The {@code top} most probable classes of an encoded image (PNG, JPEG, BMP, GIF). */
    public Prediction classify(ModelStore.Stored stored, byte[] encoded, int top) {
        if (encoded.length == 0) {
            throw new BadImage(400, "the body is empty: send the image's bytes (PNG, JPEG, BMP or GIF)");
        }
        java.awt.image.BufferedImage image;
        try {
            image = Images.decode(encoded); // its header's size is checked before a pixel is decoded
        } catch (Images.TooLarge e) {
            throw new BadImage(413, e.getMessage());
        }
        if (image == null) {
            throw new BadImage(415, "the body is not an image this service reads (PNG, JPEG, BMP or GIF)");
        }
        InputShape shape = stored.manifest().input();
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new BadImage(400, "the network takes " + shape.channels() + " channels per pixel; only grey or RGB "
                    + "images can be given to it");
        }
        if (shape.channels() == 1 && Images.isColour(image)) {
            throw new BadImage(400, "the image has colour; the network was trained on grey images (" + shape
                    + "): give it a grey one");
        }
        byte[] pixels = Images.pixels(image, shape);
        float[][] probabilities = probabilities(stored, pixels);
        return new Prediction(stored.evaluationId(), shape, Classifier.top(probabilities[0],
                stored.manifest().classNames(), top));
    }

    /** One prediction at a time: a network is never unloaded while it classifies. */
    private synchronized float[][] probabilities(ModelStore.Stored stored, byte[] pixels) {
        return network(stored).probabilities(List.of(pixels));
    }

    private TrainedNetwork network(ModelStore.Stored stored) {
        TrainedNetwork network = loaded.get(stored);
        if (network != null) {
            return network;
        }
        try {
            network = TrainedNetwork.load(stored.zip(), stored.manifest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.put(stored, network);
        for (Iterator<TrainedNetwork> eldest = loaded.values().iterator(); loaded.size() > config.loaded(); ) {
            TrainedNetwork out = eldest.next();
            eldest.remove();
            out.close();
        }
        return network;
    }

    @PreDestroy
    synchronized void unloadAll() {
        loaded.values().forEach(TrainedNetwork::close);
        loaded.clear();
    }
}
