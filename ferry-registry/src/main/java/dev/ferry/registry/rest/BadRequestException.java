package dev.ferry.registry.rest;

/** A request body or parameter the registry cannot read at all (400). */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
