package org.evocnn.training.data;

import org.evocnn.model.analysis.InputShape;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * How an image file becomes a network's input, the one way for every path: the data import, predictions with a
 * downloaded model, and the service's predictions. Decoded by ImageIO (PNG, JPEG, BMP, GIF), resized bilinearly to
 * the data set's height and width, grey (one channel) or RGB (three, stored channel by channel), one byte per value;
 * the network scales bytes by 1/255.
 */
public final class Images {

    /**
     * The most pixels an image may have to be decoded at all, read from its header first: a 1 KB BMP may claim
     * 20,000 x 20,000 pixels (1.2 GB decoded), a small PNG 8,000 x 8,000.
     */
    public static final long MAX_PIXELS = 4096L * 4096;

    /** An image whose header claims more than {@link #MAX_PIXELS}: refused before any pixel is decoded. */
    public static final class TooLarge extends RuntimeException {
        private final int height;
        private final int width;

        TooLarge(int height, int width) {
            super(String.format(java.util.Locale.ROOT, "the image is %dx%d pixels, over the %,d decoded at most; "
                    + "scale it down", width, height, MAX_PIXELS));
            this.height = height;
            this.width = width;
        }

        public int height() {
            return height;
        }

        public int width() {
            return width;
        }
    }

    private Images() {
    }

    /** Height and width from the file's header, or null when it is not an image ImageIO reads. */
    public static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in == null ? null : size(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Height and width of an encoded image from its header, or null when it is not an image ImageIO reads. */
    public static int[] size(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            return in == null ? null : size(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int[] size(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in);
            return new int[] {reader.getHeight(0), reader.getWidth(0)};
        } finally {
            reader.dispose();
        }
    }

    /**
     * An encoded image decoded, or null when it cannot be.
     *
     * @throws TooLarge when its header claims more than {@link #MAX_PIXELS}, before anything is decoded
     */
    public static BufferedImage decode(byte[] encoded) {
        return decode(new ByteArrayInputStream(encoded));
    }

    private static BufferedImage decode(InputStream encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(encoded)) {
            return in == null ? null : read(in);
        } catch (TooLarge e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A file decoded, or null when it cannot be or is over {@link #MAX_PIXELS} (its header says so first). */
    private static BufferedImage decodeOrNull(InputStream encoded) {
        try {
            return decode(encoded);
        } catch (TooLarge e) {
            return null;
        }
    }

    /** The one decoder: the header's size checked against {@link #MAX_PIXELS}, then the pixels, by one reader. */
    private static BufferedImage read(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            int height = reader.getHeight(0);
            int width = reader.getWidth(0);
            if ((long) height * width > MAX_PIXELS) {
                throw new TooLarge(height, width);
            }
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /** Whether the file is a colour image whose pixels are not all grey. */
    public static boolean isColour(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            BufferedImage image = decodeOrNull(in);
            return image != null && isColour(image);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the image has colour: three components and a pixel that is not grey (scans saved as RGB are grey). */
    public static boolean isColour(BufferedImage image) {
        if (image.getColorModel().getNumColorComponents() < 3) {
            return false;
        }
        for (int y = 0; y < image.getHeight(); y += Math.max(1, image.getHeight() / 16)) {
            for (int x = 0; x < image.getWidth(); x += Math.max(1, image.getWidth() / 16)) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r != g || g != b) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The median height and width, scaled down (keeping their ratio) so that neither exceeds {@code maxSide}. */
    public static InputShape shapeOf(List<int[]> sizes, boolean colour, int maxSide) {
        int[] heights = sizes.stream().mapToInt(s -> s[0]).sorted().toArray();
        int[] widths = sizes.stream().mapToInt(s -> s[1]).sorted().toArray();
        double h = heights[heights.length / 2];
        double w = widths[widths.length / 2];
        double scale = Math.min(1, maxSide / Math.max(h, w));
        return new InputShape(Math.max(1, (int) Math.round(h * scale)), Math.max(1, (int) Math.round(w * scale)),
                colour ? 3 : 1);
    }

    /**
     * The image file resized to the shape, channel by channel; null when it cannot be decoded or its header claims
     * more than {@link #MAX_PIXELS}.
     */
    public static byte[] pixels(Path file, InputShape shape) {
        try (InputStream in = Files.newInputStream(file)) {
            return pixels(in, shape);
        } catch (IOException e) {
            return null;
        }
    }

    /** An encoded image (bytes of a PNG, JPEG, ...) resized to the shape; null when it cannot be decoded. */
    public static byte[] pixels(byte[] encoded, InputShape shape) {
        return pixels(new ByteArrayInputStream(encoded), shape);
    }

    private static byte[] pixels(InputStream encoded, InputShape shape) {
        BufferedImage image = decodeOrNull(encoded);
        return image == null ? null : pixels(image, shape);
    }

    /** A decoded image resized (bilinear) to the shape, channel by channel. */
    public static byte[] pixels(BufferedImage image, InputShape shape) {
        int h = shape.height();
        int w = shape.width();
        BufferedImage scaled = new BufferedImage(w, h, shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        byte[] out = new byte[h * w * shape.channels()];
        if (shape.channels() == 1) {
            scaled.getRaster().getDataElements(0, 0, w, h, out);
            return out;
        }
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int i = y * w + x;
                out[i] = (byte) (rgb >> 16);
                out[plane + i] = (byte) (rgb >> 8);
                out[2 * plane + i] = (byte) rgb;
            }
        }
        return out;
    }
}
