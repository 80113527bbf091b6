package org.evocnn.training.data;

import java.nio.file.Path;

/**
 * The committed test fixture: the first 600 training and 200 test images of MNIST, gzipped IDX files under
 * {@code src/test/resources/fixture/mnist}.
 */
public final class Fixture {

    public static final Path DIR = Path.of("src/test/resources/fixture");
    public static final int TRAIN = 600;
    public static final int TEST = 200;

    private Fixture() {
    }

    public static DatasetRegistry registry() {
        return new DatasetRegistry(DIR);
    }
}
