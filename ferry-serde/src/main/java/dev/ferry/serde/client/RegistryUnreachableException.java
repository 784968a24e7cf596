package dev.ferry.serde.client;

import java.util.List;

/**
 * No registry URL answered: every one was tried (with {@code max.retries} retries each) and failed to connect,
 * timed out or answered with a retriable status. The message names every URL tried and the last cause. Unlike
 * its parent this is worth retrying later.
 */
public class RegistryUnreachableException extends SchemaRegistryException {

    private final List<String> urlsTried;

    public RegistryUnreachableException(String message, List<String> urlsTried, Throwable cause) {
        super(message, cause, urlsTried.isEmpty() ? null : urlsTried.get(urlsTried.size() - 1));
        this.urlsTried = List.copyOf(urlsTried);
    }

    /** The request URLs tried, in order. */
    public List<String> urlsTried() {
        return urlsTried;
    }
}
