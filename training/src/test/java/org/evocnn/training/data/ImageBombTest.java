package org.evocnn.training.data;

import org.evocnn.fixtures.ImageBombs;
import org.evocnn.model.analysis.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images whose headers claim more pixels than evocnn decodes are refused from the header, before a pixel is
 * allocated: a 1 KB BMP claiming 20,000 x 20,000 (1.2 GB decoded) took the service down with OutOfMemoryError.
 */
class ImageBombTest {

    @Test
    void aBmpBombIsRefusedFromItsHeader() {
        byte[] bomb = ImageBombs.bmp(20_000, 20_000, 1_054);
        assertThat(bomb).hasSize(1_054);
        assertThat(Images.size(bomb)).containsExactly(20_000, 20_000);
        long before = usedHeap();
        assertThatThrownBy(() -> Images.decode(bomb)).isInstanceOf(Images.TooLarge.class)
                .hasMessage("the image is 20000x20000 pixels, over the 16,777,216 decoded at most; scale it down");
        assertThat(usedHeap() - before).as("nothing like 1.2 GB allocated").isLessThan(64L << 20);
    }

    @Test
    void aPngClaimingTooManyPixelsIsTooLargeEvenThoughItWouldNotDecode() {
        byte[] bomb = ImageBombs.pngHeader(20_000, 20_000);
        assertThat(Images.size(bomb)).containsExactly(20_000, 20_000);
        assertThatThrownBy(() -> Images.decode(bomb)).isInstanceOf(Images.TooLarge.class);
        assertThat(Images.decode(ImageBombs.pngHeader(20, 20))).as("small but broken: not an image").isNull();
    }

    @Test
    void theImportSkipsABombAndKeepsImagesUnderTheLimit(@TempDir Path dir) throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.bmp"), ImageBombs.bmp(20_000, 20_000, 1_054));
        assertThat(Images.pixels(bomb, new InputShape(28, 28, 1))).isNull();
        assertThat(Images.isColour(bomb)).isFalse();
        BufferedImage ok = new BufferedImage(4_096, 4_096, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ok, "png", png);
        Path fine = Files.write(dir.resolve("fine.png"), png.toByteArray());
        assertThat(Images.pixels(fine, new InputShape(28, 28, 1))).hasSize(28 * 28);
        assertThat(Images.decode(png.toByteArray())).as("exactly at the limit").isNotNull();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
