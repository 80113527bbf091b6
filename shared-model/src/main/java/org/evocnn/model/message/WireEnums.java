package org.evocnn.model.message;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Lower-case wire names for the message enums, with an error that lists the allowed names. */
final class WireEnums {

    private WireEnums() {
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(E[] values, String name, String what) {
        for (E value : values) {
            if (wire(value).equalsIgnoreCase(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "', allowed: "
                + Arrays.stream(values).map(WireEnums::wire).collect(Collectors.joining(", ")));
    }
}
