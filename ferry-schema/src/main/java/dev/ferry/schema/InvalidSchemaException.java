package dev.ferry.schema;

/**
 * A schema text that its format's library refuses, or a request naming an unknown schema type. The message
 * names the problem (the parser's own message, with line and column where the parser gives them) and what to
 * change; the registry answers it as error 42201.
 */
public class InvalidSchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message) {
        super(message);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
