package dev.ferry.registry.core;

import dev.ferry.registry.store.Contexts;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProvider;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses schema texts through {@code ferry-schema}'s providers, resolving their references against the
 * registry's state (transitively, by reference name), and caches parsed stored versions so compatibility
 * checks and format conversions do not parse the same text again. Parse failures become error 42201 carrying
 * the parser's own message.
 *
 * <p>Thread-safe.
 */
final class SchemaResolver {
    /** Parsed stored schemas kept; enough for the working set of a busy registry. */
    private static final int CACHE_SIZE = 2_000;

    private final RegistryState state;
    private final Map<Object, ParsedSchema> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, ParsedSchema> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    SchemaResolver(RegistryState state) {
        this.state = state;
    }

    /**
     * Parses a schema a client sent for {@code subject} to look it up; references with version -1 are pinned to the
     * referenced subject's latest version.
     */
    ParsedSchema parse(String subject, String schemaType, String text, List<SchemaReference> references) {
        return parse(subject, schemaType, text, references, false);
    }

    /**
     * Parses a schema a client sent to register or to test for compatibility: as {@link #parse}, with the
     * provider's checks for new schemas (Confluent validates new schemas more strictly than stored ones, e.g.
     * Avro names and default values), so that no new schema is accepted that Confluent would refuse.
     */
    ParsedSchema parseNew(String subject, String schemaType, String text, List<SchemaReference> references) {
        return parse(subject, schemaType, text, references, true);
    }

    private ParsedSchema parse(String subject, String schemaType, String text, List<SchemaReference> references,
                               boolean strict) {
        SchemaType type = type(schemaType);
        if (text == null || text.isBlank()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: the request has no 'schema' text. "
                    + "Send {\"schema\": \"...\"} with the schema as a JSON string.");
        }
        List<SchemaReference> pinned = new ArrayList<>();
        for (SchemaReference ref : references) {
            pinned.add(pin(subject, ref));
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        resolveInto(subject, pinned, resolved, 0);
        try {
            SchemaProvider provider = SchemaProviders.of(type);
            return strict ? provider.parseNew(text, pinned, resolved) : provider.parse(text, pinned, resolved);
        } catch (InvalidSchemaException e) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + e, e);
        }
    }

    /** The parsed form of a stored version (cached by content). */
    ParsedSchema parseStored(StoreValue.Schema stored) {
        Object key = List.of(Contexts.of(stored.subject()), stored.schemaType(), stored.schema(), stored.references());
        synchronized (cache) {
            ParsedSchema cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ParsedSchema parsed = parse(stored.subject(), stored.schemaType(), stored.schema(), stored.references());
        synchronized (cache) {
            cache.put(key, parsed);
        }
        return parsed;
    }

    static SchemaType type(String schemaType) {
        try {
            return SchemaType.fromName(schemaType);
        } catch (InvalidSchemaException e) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }

    private SchemaReference pin(String subject, SchemaReference ref) {
        if (ref.name() == null || ref.subject() == null) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: a reference lacks its 'name' or "
                    + "'subject'; each reference needs {\"name\", \"subject\", \"version\"}.");
        }
        if (ref.version() != -1) {
            return ref;
        }
        List<StoreValue.Schema> live = state.versions(Contexts.qualifyReference(subject, ref.subject()), false, false);
        if (live.isEmpty()) {
            throw missing(ref);
        }
        return new SchemaReference(ref.name(), ref.subject(), live.get(live.size() - 1).version());
    }

    private void resolveInto(String subject, List<SchemaReference> references, Map<String, String> resolved, int depth) {
        if (depth > 64) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: references nest deeper than 64 "
                    + "levels; look for a reference cycle.");
        }
        for (SchemaReference ref : references) {
            if (resolved.containsKey(ref.name())) {
                continue;
            }
            String qualified = Contexts.qualifyReference(subject, ref.subject());
            StoreValue.Schema target = state.version(qualified, ref.version());
            if (target == null) {
                throw missing(ref);
            }
            resolveInto(qualified, target.references(), resolved, depth + 1);
            resolved.put(ref.name(), target.schema());
        }
    }

    private static RegistryException missing(SchemaReference ref) {
        return new RegistryException(ErrorCode.INVALID_SCHEMA, "Invalid schema: reference '" + ref.name()
                + "' names subject '" + ref.subject() + "' version " + (ref.version() == -1 ? "latest" : ref.version())
                + ", which is not registered. Register the referenced schema first.");
    }
}
