package dev.ferry.rest.extensions;

import jakarta.ws.rs.core.MediaType;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

/**
 * The typed readings of header values that JAX-RS's request and response contexts both offer ({@code getDate()},
 * {@code getLanguage()}, {@code getLength()}, {@code getMediaType()}), from the header's text; null (or -1 for a
 * length) when the header is absent, as JAX-RS specifies.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** An HTTP date ({@code Date}, {@code Last-Modified}, RFC 1123). */
    static Date date(String value) {
        return value == null ? null
                : Date.from(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    }

    /** {@code Content-Language}. */
    static Locale language(String value) {
        return value == null ? null : Locale.forLanguageTag(value);
    }

    /** {@code Content-Length}, -1 when absent or not a number. */
    static int length(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code Content-Type}. */
    static MediaType mediaType(String value) {
        return value == null ? null : MediaType.valueOf(value);
    }
}
