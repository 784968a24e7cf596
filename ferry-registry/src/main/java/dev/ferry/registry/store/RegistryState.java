package dev.ferry.registry.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's contents as read from the {@code _schemas} topic: subjects and their versions, schema ids,
 * compatibility configs and modes. Only {@link #apply} changes it, called by the topic reader for every record
 * in topic order, so every instance reading the same topic holds the same state; REST threads only read.
 *
 * <h2>Ids</h2>
 * An id names one schema content (type, text and references) within a context: registering the same content
 * under another subject reuses its id, as Confluent's registry does. The highest id ever read per context is
 * kept so a leader allocates {@code highest + 1}; soft-deleted versions keep their ids in use, permanently
 * deleted ones free them only when no other version has the same id.
 *
 * <p>Thread contract: every method is synchronized; values handed out are immutable records.
 */
public final class RegistryState {
    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    /** One schema content in one context: what makes two registrations the same schema. */
    public record Content(String context, String schemaType, String schema, List<?> references) {
    }

    /** A (subject, version) pair, as {@code /schemas/ids/{id}/versions} lists them. */
    public record SubjectVersion(String subject, int version) {
    }

    private final Map<String, NavigableMap<Integer, StoreValue.Schema>> subjects = new TreeMap<>();
    /** Per context, id -> the versions holding it (deleted ones included). */
    private final Map<String, Map<Integer, Map<String, Integer>>> versionsById = new HashMap<>();
    private final Map<Content, Integer> idByContent = new HashMap<>();
    private final Map<String, Integer> maxIdByContext = new HashMap<>();
    private final Map<String, StoreValue.Config> configs = new HashMap<>();
    private final Map<String, StoreValue.Mode> modes = new HashMap<>();
    /** Written under the lock, read without it: a change counter for caches of rendered answers. */
    private volatile long appliedRecords;

    /** Applies one record of the topic; {@code value} null is a tombstone. */
    public synchronized void apply(StoreKey key, StoreValue value) {
        appliedRecords++;
        if (key instanceof StoreKey.Schema k) {
            applySchema(k, (StoreValue.Schema) value);
        } else if (key instanceof StoreKey.Config k) {
            if (value == null) {
                configs.remove(k.subject());
            } else {
                configs.put(k.subject(), (StoreValue.Config) value);
            }
        } else if (key instanceof StoreKey.Mode k) {
            if (value == null) {
                modes.remove(k.subject());
            } else {
                modes.put(k.subject(), (StoreValue.Mode) value);
            }
        } else if (key instanceof StoreKey.DeleteSubject && value instanceof StoreValue.DeleteSubject v) {
            softDeleteUpTo(v.subject(), v.version());
        } else if (key instanceof StoreKey.ClearSubject && value instanceof StoreValue.ClearSubject v) {
            clearDeleted(v.subject());
        }
    }

    private void applySchema(StoreKey.Schema key, StoreValue.Schema value) {
        NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(key.subject());
        StoreValue.Schema previous = versions == null ? null : versions.get(key.version());
        if (previous != null) {
            unindex(key.subject(), previous);
        }
        if (value == null) {
            if (versions != null) {
                versions.remove(key.version());
                if (versions.isEmpty()) {
                    subjects.remove(key.subject());
                }
            }
            return;
        }
        if (!value.subject().equals(key.subject()) || value.version() != key.version()) {
            log.warn("A _schemas record's key says {} version {} but its value {} version {}; using the key",
                    key.subject(), key.version(), value.subject(), value.version());
            value = new StoreValue.Schema(key.subject(), key.version(), value.id(), value.schemaType(),
                    value.references(), value.schema(), value.deleted(), value.extras());
        }
        String context = Contexts.of(key.subject());
        Map<Integer, Map<String, Integer>> byId = versionsById.computeIfAbsent(context, c -> new HashMap<>());
        Map<String, Integer> holders = byId.get(value.id());
        if (holders != null && !holders.isEmpty()) {
            StoreValue.Schema holder = version(holders.keySet().iterator().next(), holders.values().iterator().next());
            if (holder != null && !sameContent(holder, value)) {
                // Confluent's reader refuses such a record too: two contents must never share an id.
                log.error("Ignoring {} version {}: its id {} is already used by a different schema ({} version {})",
                        key.subject(), key.version(), value.id(), holder.subject(), holder.version());
                return;
            }
        }
        subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>()).put(key.version(), value);
        byId.computeIfAbsent(value.id(), i -> new LinkedHashMap<>()).put(key.subject(), key.version());
        idByContent.put(content(value), value.id());
        maxIdByContext.merge(context, value.id(), Math::max);
    }

    private void unindex(String subject, StoreValue.Schema previous) {
        Map<String, Integer> holders = versionsById.getOrDefault(Contexts.of(subject), Map.of()).get(previous.id());
        if (holders != null) {
            holders.remove(subject, previous.version());
            if (holders.isEmpty()) {
                versionsById.get(Contexts.of(subject)).remove(previous.id());
                idByContent.remove(content(previous), previous.id());
            }
        }
    }

    private void softDeleteUpTo(String subject, int version) {
        NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        for (Map.Entry<Integer, StoreValue.Schema> entry : versions.headMap(version, true).entrySet()) {
            entry.setValue(entry.getValue().withDeleted(true));
        }
    }

    private void clearDeleted(String subjectPrefix) {
        for (String subject : new ArrayList<>(subjects.keySet())) {
            if (subjectPrefix == null || subject.startsWith(subjectPrefix)) {
                NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(subject);
                for (StoreValue.Schema schema : new ArrayList<>(versions.values())) {
                    if (schema.deleted()) {
                        unindex(subject, schema);
                        versions.remove(schema.version());
                    }
                }
                if (versions.isEmpty()) {
                    subjects.remove(subject);
                }
            }
        }
    }

    private static boolean sameContent(StoreValue.Schema a, StoreValue.Schema b) {
        return a.schema().equals(b.schema()) && a.references().equals(b.references())
                && a.schemaType().equals(b.schemaType());
    }

    private static Content content(StoreValue.Schema value) {
        return new Content(Contexts.of(value.subject()), value.schemaType(), value.schema(), value.references());
    }

    /**
     * How many records were applied since start, tombstones and markers included. Lock-free: an answer rendered
     * when this had value {@code n} is still right while it has value {@code n}.
     */
    public long appliedRecords() {
        return appliedRecords;
    }

    /** Subject names, sorted; a subject counts as deleted when all its versions are soft deleted. */
    public synchronized List<String> subjects(boolean includeDeleted, boolean deletedOnly) {
        List<String> result = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            boolean live = versions.values().stream().anyMatch(v -> !v.deleted());
            if (deletedOnly ? !live : live || includeDeleted) {
                result.add(subject);
            }
        });
        return result;
    }

    /** The versions of a subject, ascending; empty when the subject has none (of that kind). */
    public synchronized List<StoreValue.Schema> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
        NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream()
                .filter(v -> deletedOnly ? v.deleted() : includeDeleted || !v.deleted())
                .toList();
    }

    /** One version, deleted or not; null when absent. */
    public synchronized StoreValue.Schema version(String subject, int version) {
        NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(subject);
        return versions == null ? null : versions.get(version);
    }

    /** Whether the subject has any version, soft-deleted ones included. */
    public synchronized boolean hasSubject(String subject) {
        return subjects.containsKey(subject);
    }

    /** The highest version number the subject ever had in the topic still present, or 0. */
    public synchronized int highestVersion(String subject) {
        NavigableMap<Integer, StoreValue.Schema> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** The id of this content in its context if some version (soft-deleted ones included) holds it. */
    public synchronized Integer idOf(String context, String schemaType, String schema, List<?> references) {
        Integer id = idByContent.get(new Content(context, schemaType, schema, references));
        if (id == null) {
            return null;
        }
        Map<String, Integer> holders = versionsById.getOrDefault(context, Map.of()).get(id);
        return holders == null || holders.isEmpty() ? null : id;
    }

    /**
     * A version holding {@code id} in {@code context}: the one of {@code preferredSubject} when it has one,
     * else a live one, else any; null when no version holds the id.
     */
    public synchronized StoreValue.Schema schemaById(String context, int id, String preferredSubject) {
        Map<String, Integer> holders = versionsById.getOrDefault(context, Map.of()).get(id);
        if (holders == null || holders.isEmpty()) {
            return null;
        }
        if (preferredSubject != null && holders.containsKey(preferredSubject)) {
            return version(preferredSubject, holders.get(preferredSubject));
        }
        StoreValue.Schema any = null;
        for (Map.Entry<String, Integer> holder : holders.entrySet()) {
            StoreValue.Schema schema = version(holder.getKey(), holder.getValue());
            if (schema != null && !schema.deleted()) {
                return schema;
            }
            any = any == null ? schema : any;
        }
        return any;
    }

    /** The versions holding {@code id}, sorted by subject. */
    public synchronized List<SubjectVersion> versionsOf(String context, int id, boolean includeDeleted) {
        Map<String, Integer> holders = versionsById.getOrDefault(context, Map.of()).getOrDefault(id, Map.of());
        List<SubjectVersion> result = new ArrayList<>();
        new TreeMap<>(holders).forEach((subject, version) -> {
            StoreValue.Schema schema = version(subject, version);
            if (schema != null && (includeDeleted || !schema.deleted())) {
                result.add(new SubjectVersion(subject, version));
            }
        });
        return result;
    }

    /** The ids of the versions whose references name {@code subject} version {@code version}, ascending. */
    public synchronized List<Integer> referencedBy(String subject, int version, boolean includeDeleted) {
        Set<Integer> ids = new TreeSet<>();
        subjects.forEach((referrer, versions) -> versions.values().forEach(schema -> {
            if (includeDeleted || !schema.deleted()) {
                schema.references().forEach(ref -> {
                    if (ref.version() == version && Contexts.qualifyReference(referrer, ref.subject()).equals(subject)) {
                        ids.add(schema.id());
                    }
                });
            }
        }));
        return new ArrayList<>(ids);
    }

    /** The highest id read in this context, 0 when none. */
    public synchronized int maxId(String context) {
        return maxIdByContext.getOrDefault(context, 0);
    }

    /** Every schema version, for {@code GET /schemas}, ordered by subject then version. */
    public synchronized List<StoreValue.Schema> allVersions(boolean includeDeleted) {
        List<StoreValue.Schema> result = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().forEach(v -> {
            if (includeDeleted || !v.deleted()) {
                result.add(v);
            }
        }));
        return result;
    }

    /** The contexts holding subjects, the default one always first. */
    public synchronized List<String> contexts() {
        Set<String> contexts = new TreeSet<>();
        subjects.keySet().forEach(s -> contexts.add(Contexts.of(s)));
        contexts.remove(Contexts.DEFAULT);
        List<String> result = new ArrayList<>();
        result.add(Contexts.DEFAULT);
        result.addAll(contexts);
        return result;
    }

    /** The config stored for {@code subject} (null: the global one), or null when none is stored. */
    public synchronized StoreValue.Config config(String subject) {
        return configs.get(subject);
    }

    /** The mode stored for {@code subject} (null: the global one), or null when none is stored. */
    public synchronized StoreValue.Mode mode(String subject) {
        return modes.get(subject);
    }

    /** Every subject-level config, for tests and diagnostics. */
    public synchronized Map<String, StoreValue.Config> subjectConfigs() {
        Map<String, StoreValue.Config> copy = new TreeMap<>();
        configs.forEach((subject, config) -> {
            if (subject != null) {
                copy.put(subject, config);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public synchronized String toString() {
        return "RegistryState{subjects=" + subjects.size() + ", appliedRecords=" + appliedRecords + "}";
    }
}
