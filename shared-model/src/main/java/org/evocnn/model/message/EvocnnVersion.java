package org.evocnn.model.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of evocnn this build is, from the build itself (Maven filters it into a resource). */
public final class EvocnnVersion {

    private static final String VERSION = load();

    private EvocnnVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EvocnnVersion.class.getResourceAsStream("/evocnn-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
