package dev.ferry.registry.core;

import dev.ferry.registry.store.Contexts;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreKey;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.registry.store.StoreWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.CompatibilityLevel;

/**
 * Compatibility levels and modes, global and per subject: reading the one in force for a subject (its own,
 * else its context's, else the global one, else the server default) and changing them through the store.
 * A {@code null} subject means the global setting.
 */
public final class ScopedSettings {
    private final RegistryState state;
    private final StoreWriter writer;
    private final WriteGate gate;
    private final CompatibilityLevel defaultLevel;
    private final Mode defaultMode;

    ScopedSettings(RegistryState state, StoreWriter writer, WriteGate gate, CompatibilityLevel defaultLevel,
                   Mode defaultMode) {
        this.state = state;
        this.writer = writer;
        this.gate = gate;
        this.defaultLevel = defaultLevel;
        this.defaultMode = defaultMode;
    }

    /** The level in force for {@code subject} (null: global). */
    public CompatibilityLevel levelInScope(String subject) {
        for (String scope : scopes(subject)) {
            StoreValue.Config config = state.config(scope);
            if (config != null && config.compatibilityLevel() != null) {
                return parseLevel(config.compatibilityLevel());
            }
        }
        return defaultLevel;
    }

    /**
     * The level stored for exactly this subject (or, with {@code defaultToGlobal}, the one in force).
     *
     * @throws RegistryException 40408 when the subject has no level of its own and no fallback was asked for
     */
    public CompatibilityLevel level(String subject, boolean defaultToGlobal) {
        if (subject == null || defaultToGlobal) {
            return levelInScope(subject);
        }
        StoreValue.Config config = state.config(subject);
        if (config == null || config.compatibilityLevel() == null) {
            throw new RegistryException(ErrorCode.SUBJECT_CONFIG_NOT_FOUND, "Subject '" + subject + "' has no "
                    + "compatibility level of its own. Ask with ?defaultToGlobal=true for the level in force.");
        }
        return parseLevel(config.compatibilityLevel());
    }

    /**
     * Stores a level and/or the {@code normalize} flag (either may be null: the stored one is kept); returns the
     * level now stored, null when none is.
     *
     * @throws RegistryException 42203 for an unknown level or a request with neither
     */
    public CompatibilityLevel setLevel(String subject, String level, Boolean normalize) {
        if (level == null && normalize == null) {
            parseRequestedLevel(null);
        }
        CompatibilityLevel parsed = level == null ? null : parseRequestedLevel(level);
        return gate.run(() -> {
            StoreValue.Config old = state.config(subject);
            ObjectNode extras = old == null || old.extras() == null ? JsonNodeFactory.instance.objectNode()
                    : old.extras().deepCopy();
            if (normalize != null) {
                extras.put("normalize", normalize);
            }
            String stored = parsed != null ? parsed.name() : old == null ? null : old.compatibilityLevel();
            writer.write(new StoreKey.Config(subject), new StoreValue.Config(subject, stored, extras));
            return stored == null ? null : parseLevel(stored);
        });
    }

    /** Whether registrations under {@code subject} are normalised by config ({@code normalize} in its scope). */
    public boolean normalizeInScope(String subject) {
        return flagInScope(subject, "normalize");
    }

    /**
     * The {@code validateFields} flag in force for {@code subject} (false unless a config in its scope sets it, as
     * Confluent's {@code schema.validate.fields} default); Confluent names it in every incompatibility answer.
     */
    public boolean validateFieldsInScope(String subject) {
        return flagInScope(subject, "validateFields");
    }

    private boolean flagInScope(String subject, String name) {
        for (String scope : scopes(subject)) {
            StoreValue.Config config = state.config(scope);
            if (config != null && config.extras() != null && config.extras().hasNonNull(name)) {
                return config.extras().get(name).asBoolean(false);
            }
        }
        return false;
    }

    /** The {@code normalize} flag stored for exactly this scope, or null. */
    public Boolean normalize(String subject, boolean defaultToGlobal) {
        if (defaultToGlobal || subject == null) {
            return normalizeInScope(subject) ? Boolean.TRUE : null;
        }
        StoreValue.Config config = state.config(subject);
        return config == null || config.extras() == null || !config.extras().has("normalize") ? null
                : config.extras().get("normalize").asBoolean();
    }

    /**
     * Removes a stored level; returns the level that was stored (for the global one, the level in force before).
     *
     * @throws RegistryException 40401 when a subject has no level of its own
     */
    public CompatibilityLevel deleteLevel(String subject) {
        return gate.run(() -> {
            StoreValue.Config old = state.config(subject);
            if (subject != null && (old == null || old.compatibilityLevel() == null)) {
                throw RegistryException.subjectNotFound(subject);
            }
            CompatibilityLevel previous = levelInScope(subject);
            writer.write(new StoreKey.Config(subject), null);
            return previous;
        });
    }

    /** The mode in force for {@code subject} (null: global). */
    public Mode modeInScope(String subject) {
        for (String scope : scopes(subject)) {
            StoreValue.Mode mode = state.mode(scope);
            if (mode != null && mode.mode() != null) {
                Mode parsed = Mode.parse(mode.mode());
                StoreValue.Mode global = state.mode(null);
                if (global != null && Mode.READONLY_OVERRIDE.name().equals(global.mode())) {
                    return Mode.READONLY_OVERRIDE;
                }
                return parsed;
            }
        }
        return defaultMode;
    }

    /**
     * The mode stored for exactly this subject (or, with {@code defaultToGlobal}, the one in force).
     *
     * @throws RegistryException 40409 when the subject has no mode of its own and no fallback was asked for
     */
    public Mode mode(String subject, boolean defaultToGlobal) {
        if (subject == null || defaultToGlobal) {
            return modeInScope(subject);
        }
        StoreValue.Mode mode = state.mode(subject);
        if (mode == null || mode.mode() == null) {
            throw new RegistryException(ErrorCode.SUBJECT_MODE_NOT_FOUND, "Subject '" + subject + "' has no mode of "
                    + "its own. Ask with ?defaultToGlobal=true for the mode in force.");
        }
        return Mode.parse(mode.mode());
    }

    /**
     * Stores a mode. Entering IMPORT needs the subject (or, globally, the registry) to have no live schemas,
     * unless {@code force}, because imported ids must not collide with ids already handed out.
     */
    public Mode setMode(String subject, String mode, boolean force) {
        Mode parsed = Mode.parse(mode);
        gate.run(() -> {
            if (parsed == Mode.IMPORT && modeInScope(subject) != Mode.IMPORT && !force) {
                boolean hasSchemas = subject == null
                        ? !state.subjects(false, false).isEmpty()
                        : !state.versions(subject, false, false).isEmpty();
                if (hasSchemas) {
                    throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, "Cannot switch "
                            + (subject == null ? "the registry" : "subject '" + subject + "'") + " to IMPORT mode: it "
                            + "holds schemas already. Delete them first, or add ?force=true if the imported ids cannot "
                            + "collide with the existing ones.");
                }
            }
            writer.write(new StoreKey.Mode(subject), new StoreValue.Mode(subject, parsed.name()));
            return null;
        });
        return parsed;
    }

    /** Removes a subject's own mode; returns the mode it had. @throws RegistryException 40401 when it had none */
    public Mode deleteMode(String subject) {
        return gate.run(() -> {
            StoreValue.Mode old = state.mode(subject);
            if (subject != null && old == null) {
                throw RegistryException.subjectNotFound(subject);
            }
            Mode previous = modeInScope(subject);
            writer.write(new StoreKey.Mode(subject), null);
            return previous;
        });
    }

    /** Subject, then its context ({@code :.ctx:}), then global. */
    private static String[] scopes(String subject) {
        if (subject == null) {
            return new String[] {null};
        }
        String context = Contexts.of(subject);
        if (Contexts.DEFAULT.equals(context) || Contexts.isContextOnly(subject)) {
            return new String[] {subject, null};
        }
        return new String[] {subject, ":" + context + ":", null};
    }

    private static CompatibilityLevel parseLevel(String level) {
        try {
            return CompatibilityLevel.fromName(level);
        } catch (IllegalArgumentException e) {
            return CompatibilityLevel.BACKWARD;
        }
    }

    static CompatibilityLevel parseRequestedLevel(String level) {
        if (level == null) {
            throw new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL, "The request has no 'compatibility'. "
                    + "Send {\"compatibility\": \"BACKWARD\"} or another level.");
        }
        try {
            return CompatibilityLevel.fromName(level);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL, e.getMessage());
        }
    }
}
