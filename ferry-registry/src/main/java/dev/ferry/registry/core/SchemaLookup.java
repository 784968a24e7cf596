package dev.ferry.registry.core;

import dev.ferry.registry.store.Contexts;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.ParsedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read side of the registry: subjects, versions, schemas by id, references, lookups of a schema under a
 * subject. Answers from the in-memory state, so every instance (leader or follower) serves reads itself.
 */
public final class SchemaLookup {
    private final RegistryState state;
    private final SchemaResolver resolver;

    SchemaLookup(RegistryState state, SchemaResolver resolver) {
        this.state = state;
        this.resolver = resolver;
    }

    /**
     * Subject names matching {@code prefix}: all of them (every context) when it is null, empty or
     * {@code :*:}; with {@code :*:name} those whose name without context starts with {@code name}.
     */
    public List<String> subjects(String prefix, boolean includeDeleted, boolean deletedOnly) {
        return state.subjects(includeDeleted, deletedOnly).stream().filter(s -> matches(s, prefix)).toList();
    }

    static boolean matches(String subject, String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.equals(Contexts.WILDCARD)) {
            return true;
        }
        if (prefix.startsWith(Contexts.WILDCARD)) {
            return Contexts.unqualified(subject).startsWith(prefix.substring(Contexts.WILDCARD.length()));
        }
        return subject.startsWith(prefix);
    }

    /** The subject's version numbers, ascending. @throws RegistryException 40401 when it has none */
    public List<Integer> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
        List<StoreValue.Schema> versions = state.versions(subject, includeDeleted, deletedOnly);
        if (versions.isEmpty() && !(deletedOnly && state.hasSubject(subject))) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(StoreValue.Schema::version).toList();
    }

    /**
     * One version of a subject.
     *
     * @param includeDeleted whether a soft-deleted version may be returned
     * @throws RegistryException 40401 for an unknown subject, 40402 for an unknown version
     */
    public StoreValue.Schema version(String subject, VersionId version, boolean includeDeleted) {
        List<StoreValue.Schema> versions = state.versions(subject, includeDeleted, false);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (version.latest()) {
            return versions.get(versions.size() - 1);
        }
        StoreValue.Schema found = state.version(subject, version.number());
        if (found == null || (found.deleted() && !includeDeleted)) {
            throw RegistryException.versionNotFound(subject, version.toString());
        }
        return found;
    }

    /**
     * The schema with this id, in the context of {@code subject} (the default context when null).
     *
     * @throws RegistryException 40403 when no version holds the id
     */
    public StoreValue.Schema byId(int id, String subject) {
        StoreValue.Schema found = state.schemaById(Contexts.of(subject), id,
                subject == null || Contexts.isContextOnly(subject) ? null : subject);
        if (found == null) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
        }
        return found;
    }

    /** The subjects holding the id. @throws RegistryException 40403 when none */
    public List<String> subjectsOf(int id, String subject, boolean includeDeleted) {
        List<String> subjects = new ArrayList<>();
        for (RegistryState.SubjectVersion sv : versionsOf(id, subject, includeDeleted)) {
            if (!subjects.contains(sv.subject())) {
                subjects.add(sv.subject());
            }
        }
        return subjects;
    }

    /** The (subject, version) pairs holding the id. @throws RegistryException 40403 when none */
    public List<RegistryState.SubjectVersion> versionsOf(int id, String subject, boolean includeDeleted) {
        List<RegistryState.SubjectVersion> versions = state.versionsOf(Contexts.of(subject), id, includeDeleted);
        if (versions.isEmpty()) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found.");
        }
        if (subject != null && !Contexts.isContextOnly(subject)) {
            return versions.stream().filter(v -> v.subject().equals(subject)).toList();
        }
        return versions;
    }

    /** The ids of live schemas referencing this version. */
    public List<Integer> referencedBy(String subject, VersionId version) {
        StoreValue.Schema target = version(subject, version, true);
        return state.referencedBy(subject, target.version(), false);
    }

    /**
     * The version of {@code subject} holding the schema the request describes (after normalising when asked).
     *
     * @throws RegistryException 40401 for an unknown subject, 40403 when the subject does not hold the schema
     */
    public StoreValue.Schema lookup(String subject, RegisterRequest request, boolean normalize, boolean includeDeleted) {
        if (state.versions(subject, includeDeleted, false).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        ParsedSchema parsed = resolver.parse(subject, request.schemaType(), request.schema(), request.references());
        if (normalize) {
            parsed = parsed.normalized();
        }
        String type = SchemaResolver.type(request.schemaType()).name();
        for (StoreValue.Schema candidate : state.versions(subject, includeDeleted, false)) {
            if (candidate.schemaType().equals(type) && candidate.references().equals(parsed.references())
                    && (candidate.schema().equals(parsed.canonical())
                    || candidate.schema().equals(request.schema())
                    || resolver.parseStored(candidate).canonical().equals(parsed.canonical())
                    || (normalize && resolver.parseStored(candidate).normalized().canonical().equals(parsed.canonical())))) {
                return candidate;
            }
        }
        throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'.");
    }

    /** The stored schema text in a requested format ({@code serialized} for Protobuf); null format: as stored. */
    public String formatted(StoreValue.Schema stored, String format) {
        if (format == null || format.isEmpty()) {
            return stored.schema();
        }
        return resolver.parseStored(stored).formatted(format);
    }

    /** Every version for {@code GET /schemas}: filtered by subject prefix, latest only when asked. */
    public List<StoreValue.Schema> schemas(String prefix, boolean includeDeleted, boolean latestOnly) {
        List<StoreValue.Schema> result = new ArrayList<>();
        for (StoreValue.Schema schema : state.allVersions(includeDeleted)) {
            if (!matches(schema.subject(), prefix)) {
                continue;
            }
            if (latestOnly && !result.isEmpty()
                    && result.get(result.size() - 1).subject().equals(schema.subject())) {
                result.set(result.size() - 1, schema);
            } else {
                result.add(schema);
            }
        }
        return result;
    }

    /**
     * The newest version of {@code subject} whose metadata properties hold every pair of {@code metadata}, as
     * Confluent's {@code GET /subjects/{s}/metadata}: a version without metadata never matches, not even when no
     * pair is asked for (versions registered here carry none; versions a Confluent registry stored may).
     *
     * @throws RegistryException 40401 when the subject has no versions, 40403 when none matches
     */
    public StoreValue.Schema latestWithMetadata(String subject, Map<String, String> metadata, boolean includeDeleted) {
        List<StoreValue.Schema> versions = state.versions(subject, includeDeleted, false);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            StoreValue.Schema candidate = versions.get(i);
            JsonNode properties = candidate.extras() == null ? null : candidate.extras().path("metadata").get("properties");
            if (properties != null && properties.isObject() && metadata.entrySet().stream().allMatch(
                    pair -> properties.hasNonNull(pair.getKey())
                            && properties.get(pair.getKey()).asText().equals(pair.getValue()))) {
                return candidate;
            }
        }
        throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "No version of subject '" + subject + "' has metadata "
                + "properties " + metadata + ". Versions registered without metadata are not found by metadata.");
    }

    /**
     * Checks that a context may be deleted: Confluent refuses while any subject (soft-deleted ones included) is in it.
     * The registry keeps no record of its own for a context, so an empty context needs no write.
     *
     * @param context {@code .name} or {@code :.name:}
     * @throws RegistryException 42211 when the context holds subjects
     */
    public void requireEmptyContext(String context) {
        String name = context.startsWith(":") ? context.substring(1) : context;
        name = name.endsWith(":") ? name.substring(0, name.length() - 1) : name;
        for (String subject : state.subjects(true, false)) {
            if (Contexts.of(subject).equals(name)) {
                throw new RegistryException(ErrorCode.CONTEXT_NOT_EMPTY, "The specified context '" + context
                        + "' is not empty: it holds subject '" + subject + "'. Delete its subjects permanently first.");
            }
        }
    }

    /** The highest id in the context of {@code subject}, as {@code fetchMaxId=true} reports it. */
    public int maxId(String subject) {
        return state.maxId(Contexts.of(subject));
    }

    public List<String> contexts() {
        return state.contexts();
    }
}
