package dev.ferry.registry.rest;

import dev.ferry.registry.core.ErrorCode;
import dev.ferry.registry.core.RegistryException;
import dev.ferry.registry.core.VersionId;
import io.javalin.http.Context;

/** Reads path and query parameters the way Confluent's resources do. */
final class Params {
    private Params() {
    }

    static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value != null && value.equalsIgnoreCase("true");
    }

    static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    static VersionId version(Context ctx) {
        return VersionId.parse(ctx.pathParam("version"));
    }

    static int id(Context ctx) {
        String value = ctx.pathParam("id");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND,
                    "Schema " + value + " not found: a schema id is a whole number.");
        }
    }

    static int intParam(Context ctx, String name, int defaultValue) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Query parameter '" + name + "' must be a whole number, was '" + value + "'.");
        }
    }
}
