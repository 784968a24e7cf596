package dev.ferry.registry.core;

import dev.ferry.registry.store.Contexts;
import dev.ferry.registry.store.RegistryState;
import dev.ferry.registry.store.StoreKey;
import dev.ferry.registry.store.StoreValue;
import dev.ferry.registry.store.StoreWriter;
import dev.ferry.schema.CompatibilityLevel;
import dev.ferry.schema.ParsedSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers schemas under subjects and tests compatibility, with Confluent's rules.
 *
 * <h2>Registering</h2>
 * The text is parsed (references resolved) and stored in its canonical form, normalised first when asked.
 * A content the subject already holds as a live version answers with that version and id (idempotent). A
 * content held elsewhere in the context (another subject, or a soft-deleted version) keeps its id: one id per
 * content, as Confluent. Otherwise the candidate is checked against the subject's live versions at the level in
 * force, and stored as version {@code highest + 1} with id {@code highest id in the context + 1}. In IMPORT mode
 * the client brings id and version and no compatibility check is made.
 *
 * <p>All of it runs under the {@link WriteGate}, so the state read for the checks is the one the write lands on.
 */
public final class SchemaRegistration {
    /** Confluent's message for an earlier version of another schema type. */
    static final String DIFFERENT_SCHEMA_TYPE = "Incompatible because of different schema type";

    private final RegistryState state;
    private final StoreWriter writer;
    private final WriteGate gate;
    private final SchemaResolver resolver;
    private final ScopedSettings settings;

    SchemaRegistration(RegistryState state, StoreWriter writer, WriteGate gate, SchemaResolver resolver,
                       ScopedSettings settings) {
        this.state = state;
        this.writer = writer;
        this.gate = gate;
        this.resolver = resolver;
        this.settings = settings;
    }

    /** Registers (or finds) the schema under {@code subject}; returns the stored version. */
    public StoreValue.Schema register(String subject, RegisterRequest request, boolean normalize) {
        Subjects.requireValid(subject);
        return gate.run(() -> registerLocked(subject, request, normalize || settings.normalizeInScope(subject)));
    }

    private StoreValue.Schema registerLocked(String subject, RegisterRequest request, boolean normalize) {
        Mode mode = settings.modeInScope(subject);
        boolean importing = request.id() != null && request.id() >= 0;
        if (mode.readOnly()) {
            throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, "Subject '" + subject + "' is in "
                    + mode + " mode, which refuses registrations. Set the mode to READWRITE with PUT /mode/" + subject + ".");
        }
        if (importing && mode != Mode.IMPORT) {
            throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, "A registration with an explicit id needs "
                    + "IMPORT mode, but subject '" + subject + "' is in " + mode + " mode. Set IMPORT mode with PUT /mode.");
        }
        if (!importing && mode == Mode.IMPORT) {
            throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED, "Subject '" + subject + "' is in IMPORT "
                    + "mode, which only takes registrations with an explicit id and version.");
        }
        List<StoreValue.Schema> live = state.versions(subject, false, false);
        RegisterRequest effective = request;
        if ((request.schema() == null || request.schema().isBlank()) && !live.isEmpty() && !importing) {
            StoreValue.Schema latest = live.get(live.size() - 1);
            effective = new RegisterRequest(latest.schema(), latest.schemaType(), latest.references(), null, null);
        }
        // A schema the client sent is new and checked as strictly as Confluent checks new schemas; the latest
        // version re-registered (no text sent) or an import with its id is taken as stored, as Confluent does.
        ParsedSchema parsed = effective == request && !importing
                ? resolver.parseNew(subject, effective.schemaType(), effective.schema(), effective.references())
                : resolver.parse(subject, effective.schemaType(), effective.schema(), effective.references());
        if (normalize) {
            parsed = parsed.normalized();
        }
        String type = SchemaResolver.type(effective.schemaType()).name();
        String text = parsed.canonical();
        String context = Contexts.of(subject);

        Integer existingId = state.idOf(context, type, text, parsed.references());
        Integer requestedVersion = effective.version() != null && effective.version() > 0 ? effective.version() : null;
        if (existingId != null && (!importing || existingId.equals(request.id()))) {
            for (StoreValue.Schema version : live) {
                if (version.id() == existingId && (requestedVersion == null || requestedVersion == version.version())) {
                    return version;
                }
            }
        }
        if (!importing) {
            for (StoreValue.Schema version : live) {
                if (sameSchema(version, type, parsed)) {
                    return version;
                }
            }
            List<String> problems = check(subject, parsed, live);
            if (!problems.isEmpty()) {
                throw incompatible(subject, problems);
            }
        }
        int version = nextVersion(subject, requestedVersion, importing);
        int id = importing ? importedId(context, request.id(), type, text, parsed) : existingId != null ? existingId
                : nextId(context);
        StoreValue.Schema stored = new StoreValue.Schema(subject, version, id, type, parsed.references(), text, false,
                null);
        tombstoneDeletedVersionsWithId(subject, id, version);
        writer.write(new StoreKey.Schema(subject, version), stored);
        return stored;
    }

    /**
     * Tests the schema against {@code version} of the subject (only that one), or, when {@code version} is null,
     * against the versions the level in force looks at. Returns the problems; empty means compatible.
     */
    public List<String> test(String subject, VersionId version, RegisterRequest request, boolean normalize) {
        List<StoreValue.Schema> live = state.versions(subject, false, false);
        List<StoreValue.Schema> against;
        if (version == null) {
            against = live;
        } else if (version.latest()) {
            // Nothing registered yet: anything is compatible, as Confluent answers.
            against = live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
        } else {
            StoreValue.Schema one = state.version(subject, version.number());
            if (one == null || one.deleted()) {
                throw RegistryException.versionNotFound(subject, version.toString());
            }
            against = List.of(one);
        }
        ParsedSchema parsed = resolver.parseNew(subject, request.schemaType(), request.schema(), request.references());
        if (normalize || settings.normalizeInScope(subject)) {
            parsed = parsed.normalized();
        }
        return check(subject, parsed, against);
    }

    /**
     * Confluent's check of a candidate against a subject's earlier versions (oldest first) at the level in force:
     * the newest earlier version first, stopping at the first that fails (transitive levels go on to older ones,
     * the others look at the newest only). A version of another schema type fails with Confluent's
     * {@value #DIFFERENT_SCHEMA_TYPE}. Problems end with Confluent's {@code {validateFields: ..., compatibility: ...}}
     * entry. Older versions are parsed only when reached.
     */
    private List<String> check(String subject, ParsedSchema candidate, List<StoreValue.Schema> previous) {
        CompatibilityLevel level = settings.levelInScope(subject);
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        int oldest = level.transitive() ? 0 : previous.size() - 1;
        List<String> problems = List.of();
        for (int i = previous.size() - 1; i >= oldest && problems.isEmpty(); i--) {
            StoreValue.Schema older = previous.get(i);
            problems = older.schemaType().equals(candidate.type().name())
                    ? level.check(candidate, List.of(resolver.parseStored(older)), List.of(older.version()))
                    : List.of(DIFFERENT_SCHEMA_TYPE);
        }
        if (problems.isEmpty()) {
            return problems;
        }
        List<String> withConfig = new ArrayList<>(problems);
        withConfig.add("{validateFields: '" + settings.validateFieldsInScope(subject) + "', compatibility: '"
                + level.name() + "'}");
        return withConfig;
    }

    /** Confluent's 409 message: clients and tooling match on its start, and the details are Java's list form. */
    static String incompatibleMessage(String subject, List<String> problems) {
        return "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                + "\", details: " + problems;
    }

    private static RegistryException incompatible(String subject, List<String> problems) {
        return new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA, incompatibleMessage(subject, problems));
    }

    private boolean sameSchema(StoreValue.Schema stored, String type, ParsedSchema parsed) {
        if (!stored.schemaType().equals(type) || !stored.references().equals(parsed.references())) {
            return false;
        }
        return stored.schema().equals(parsed.canonical())
                || resolver.parseStored(stored).canonical().equals(parsed.canonical());
    }

    private int nextVersion(String subject, Integer requested, boolean importing) {
        int next = state.highestVersion(subject) + 1;
        if (requested == null) {
            return next;
        }
        if (importing) {
            StoreValue.Schema taken = state.version(subject, requested);
            if (taken != null && !taken.deleted()) {
                throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Subject '" + subject + "' already has version "
                        + requested + " with another schema; import it under a free version.");
            }
            return requested;
        }
        if (requested != next) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Version " + requested + " is not one more than the "
                    + "subject's previous version (" + (next - 1) + "); leave 'version' out to get the next one.");
        }
        return requested;
    }

    private int importedId(String context, int requested, String type, String text, ParsedSchema parsed) {
        StoreValue.Schema holder = state.schemaById(context, requested, null);
        if (holder != null && !(holder.schemaType().equals(type) && holder.schema().equals(text)
                && holder.references().equals(parsed.references()))) {
            throw new RegistryException(ErrorCode.ID_DOES_NOT_MATCH, "Id " + requested + " is already used by a "
                    + "different schema (subject '" + holder.subject() + "' version " + holder.version() + "); import "
                    + "this schema under another id.");
        }
        return requested;
    }

    private int nextId(String context) {
        int id = state.maxId(context) + 1;
        while (state.schemaById(context, id, null) != null) {
            id++;
        }
        return id;
    }

    /** Confluent removes soft-deleted older versions of the same id when that id is registered again. */
    private void tombstoneDeletedVersionsWithId(String subject, int id, int newVersion) {
        for (StoreValue.Schema old : state.versions(subject, true, true)) {
            if (old.id() == id && old.version() < newVersion && state.referencedBy(subject, old.version(), true).isEmpty()) {
                writer.write(new StoreKey.Schema(subject, old.version()), null);
            }
        }
    }
}
