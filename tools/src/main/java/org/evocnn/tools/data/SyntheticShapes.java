package org.evocnn.tools.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small colour image data set made on the spot, for tests and the import benchmark: three classes (circle, square,
 * triangle) in random colours, sizes and places on a random background, as PNG files in one folder per class. Sizes
 * vary around {@code side} (so an import has to resize), deterministic under a seed.
 */
public final class SyntheticShapes {

    public static final List<String> CLASSES = List.of("circle", "square", "triangle");

    private SyntheticShapes() {
    }

    /** Writes {@code perClass} images of each class under {@code dir/<class>/}. */
    public static void write(Path dir, int perClass, int side, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < CLASSES.size(); c++) {
            Path folder = Files.createDirectories(dir.resolve(CLASSES.get(c)));
            for (int i = 0; i < perClass; i++) {
                int size = side + rng.nextInt(-side / 4, side / 4 + 1);
                ImageIO.write(draw(c, size, rng), "png", folder.resolve(String.format("%s-%05d.png", CLASSES.get(c),
                        i)).toFile());
            }
        }
    }

    static BufferedImage draw(int shape, int size, SplittableRandom rng) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(rng.nextInt(0, 96), rng.nextInt(0, 96), rng.nextInt(0, 96)));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(rng.nextInt(128, 256), rng.nextInt(128, 256), rng.nextInt(128, 256)));
        int extent = rng.nextInt(size / 3, size * 3 / 4);
        int x = rng.nextInt(0, size - extent + 1);
        int y = rng.nextInt(0, size - extent + 1);
        switch (shape) {
            case 0 -> g.fillOval(x, y, extent, extent);
            case 1 -> g.fillRect(x, y, extent, extent);
            default -> g.fillPolygon(new int[] {x, x + extent / 2, x + extent}, new int[] {y + extent, y, y + extent},
                    3);
        }
        g.dispose();
        return image;
    }
}
