package dev.ferry.registry.core;

import java.util.Locale;

/**
 * Confluent's modes: {@code READWRITE} (the default), {@code READONLY} (no writes), {@code READONLY_OVERRIDE}
 * (no writes, and a subject's own mode cannot lift it), {@code IMPORT} (registrations must bring their id and
 * version, for migrating schemas from another registry with their ids).
 */
public enum Mode {
    READWRITE, READONLY, READONLY_OVERRIDE, IMPORT;

    /** @throws RegistryException 42204 naming the accepted values */
    public static Mode parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new RegistryException(ErrorCode.INVALID_MODE, "Invalid mode '" + name + "'. Use one of READWRITE, "
                + "READONLY, READONLY_OVERRIDE or IMPORT.");
    }

    boolean readOnly() {
        return this == READONLY || this == READONLY_OVERRIDE;
    }
}
