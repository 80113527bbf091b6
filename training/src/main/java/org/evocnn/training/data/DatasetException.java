package org.evocnn.training.data;

/** A data set that is missing or unreadable; the message names the file and what is wrong. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
