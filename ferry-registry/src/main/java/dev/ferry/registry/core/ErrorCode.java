package dev.ferry.registry.core;

/** Confluent's error codes ({@code error_code} in error bodies) with the HTTP status each is sent with. */
public enum ErrorCode {
    SUBJECT_NOT_FOUND(404, 40401),
    VERSION_NOT_FOUND(404, 40402),
    SCHEMA_NOT_FOUND(404, 40403),
    SUBJECT_SOFT_DELETED(404, 40404),
    SUBJECT_NOT_SOFT_DELETED(404, 40405),
    VERSION_SOFT_DELETED(404, 40406),
    VERSION_NOT_SOFT_DELETED(404, 40407),
    SUBJECT_CONFIG_NOT_FOUND(404, 40408),
    SUBJECT_MODE_NOT_FOUND(404, 40409),
    /** Confluent's registry sends the bare HTTP status as the code here, not a five-digit one. */
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(422, 42201),
    INVALID_VERSION(422, 42202),
    INVALID_COMPATIBILITY_LEVEL(422, 42203),
    INVALID_MODE(422, 42204),
    OPERATION_NOT_PERMITTED(422, 42205),
    REFERENCE_EXISTS(422, 42206),
    ID_DOES_NOT_MATCH(422, 42207),
    INVALID_SUBJECT(422, 42208),
    SCHEMA_TOO_LARGE(422, 42209),
    CONTEXT_NOT_EMPTY(422, 42211),
    STORE_ERROR(500, 50001),
    OPERATION_TIMEOUT(500, 50002),
    REQUEST_FORWARDING_FAILED(500, 50003),
    UNKNOWN_LEADER(500, 50004);

    private final int httpStatus;
    private final int code;

    ErrorCode(int httpStatus, int code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }
}
