package org.evocnn.model.genome;

/**
 * A value rejected by a record's constructor, naming its field so that readers can report a full path such as
 * {@code task.folds}.
 */
public class FieldException extends IllegalArgumentException {
    private final String field;

    public FieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The problem without the field name. */
    public String problem() {
        return getMessage().substring(field.length() + 2);
    }

    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new FieldException(field, value + " is outside " + min + ".." + max);
        }
        return value;
    }

    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new FieldException(field, value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /** Rejects a document version this code does not read. */
    public static void schemaVersion(int version, int supported) {
        if (version != supported) {
            throw new FieldException("schemaVersion", version + " is not supported (supported: " + supported + ")");
        }
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new FieldException(field, "missing");
        }
        return value;
    }

    public static String nonBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new FieldException(field, "missing or blank");
        }
        return value;
    }
}
