package dev.ferry.serde.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaReference;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The {@link SchemaRegistryClient} over {@link RegistryHttp}, with the caches that keep the registry out of the
 * per-record path.
 *
 * <p><b>What is cached, how long.</b> A schema by id forever (an id's schema never changes); a version of a
 * subject forever (versions are immutable; a deleted one is simply no longer asked for); per subject the ids of
 * registered schemas and the looked-up versions, each bounded by {@code max.schemas.per.subject}; the latest
 * version of a subject for {@code latest.cache.ttl.sec} seconds (negative: forever, 0: not cached). Errors are
 * never cached, so a schema registered later is found on the next call.
 *
 * <p><b>Concurrency.</b> Maps are concurrent and filled after the request returns, outside any lock, so two
 * threads asking for the same new schema at once may both ask the registry; both get the same answer. That
 * keeps a slow registry from blocking lookups of other schemas.
 */
final class CachingRegistryClient implements SchemaRegistryClient {

    private final RegistryHttp http;
    private final int maxSchemasPerSubject;
    private final long latestTtlNanos;
    private final LongSupplier nanoTime;

    private final ConcurrentMap<Integer, ParsedSchema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SubjectCache<Integer>> registeredIds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SubjectCache<RegisteredSchema>> lookups = new ConcurrentHashMap<>();
    private final ConcurrentMap<SubjectVersion, Version> versions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Latest> latest = new ConcurrentHashMap<>();

    CachingRegistryClient(RegistryHttp http, int maxSchemasPerSubject, long latestTtlSeconds, LongSupplier nanoTime) {
        this.http = http;
        this.maxSchemasPerSubject = maxSchemasPerSubject;
        this.latestTtlNanos = latestTtlSeconds < 0 ? Long.MAX_VALUE : latestTtlSeconds * 1_000_000_000L;
        this.nanoTime = nanoTime;
    }

    @Override
    public int register(String subject, ParsedSchema schema, boolean normalize) {
        SchemaKey key = SchemaKey.of(schema, normalize);
        SubjectCache<Integer> cache = registeredIds.computeIfAbsent(subject, s -> new SubjectCache<>(maxSchemasPerSubject));
        Integer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.post(RegistryJson.subjectPath(subject) + "/versions?normalize=" + normalize,
                RegistryJson.schemaRequest(schema));
        int id = answer.path("id").asInt();
        cache.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int idOf(String subject, ParsedSchema schema, boolean normalize) {
        return lookup(subject, schema, normalize).id();
    }

    @Override
    public RegisteredSchema lookup(String subject, ParsedSchema schema, boolean normalize) {
        SchemaKey key = SchemaKey.of(schema, normalize);
        SubjectCache<RegisteredSchema> cache = lookups.computeIfAbsent(subject, s -> new SubjectCache<>(maxSchemasPerSubject));
        RegisteredSchema cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.post(RegistryJson.subjectPath(subject) + "?normalize=" + normalize,
                RegistryJson.schemaRequest(schema));
        RegisteredSchema found = new RegisteredSchema(answer.path("subject").asText(subject),
                answer.path("version").asInt(), answer.path("id").asInt(), schema);
        cache.put(key, found);
        schemasById.putIfAbsent(found.id(), schema);
        return found;
    }

    @Override
    public ParsedSchema schemaById(int id) {
        ParsedSchema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = http.get("/schemas/ids/" + id);
        ParsedSchema schema = parse(RegistryJson.SchemaText.of(answer), "schema id " + id);
        ParsedSchema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        Latest cached = latest.get(subject);
        long now = nanoTime.getAsLong();
        if (cached != null && now - cached.fetchedAt() < latestTtlNanos) {
            return cached.schema();
        }
        Version fetched = fetchVersion(subject, "latest");
        versions.putIfAbsent(new SubjectVersion(subject, fetched.registered().version()), fetched);
        if (latestTtlNanos > 0) {
            latest.put(subject, new Latest(fetched.registered(), now));
        }
        return fetched.registered();
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        if (version == -1) {
            return latest(subject);
        }
        return versionEntry(subject, version).registered();
    }

    private Version versionEntry(String subject, int version) {
        SubjectVersion key = new SubjectVersion(subject, version);
        Version cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        Version fetched = fetchVersion(subject, Integer.toString(version));
        Version raced = versions.putIfAbsent(key, fetched);
        return raced == null ? fetched : raced;
    }

    private Version fetchVersion(String subject, String version) {
        JsonNode answer = http.get(RegistryJson.subjectPath(subject) + "/versions/" + version);
        RegistryJson.SchemaText text = RegistryJson.SchemaText.of(answer);
        ParsedSchema schema = parse(text, "subject '" + subject + "' version " + version);
        RegisteredSchema registered = new RegisteredSchema(answer.path("subject").asText(subject),
                answer.path("version").asInt(), answer.path("id").asInt(), schema);
        schemasById.putIfAbsent(registered.id(), schema);
        return new Version(registered, text.text());
    }

    /** Parses a schema the registry returned, after fetching what it references (transitively, each version once). */
    private ParsedSchema parse(RegistryJson.SchemaText text, String what) {
        Map<String, String> resolved = new HashMap<>();
        for (SchemaReference reference : text.references()) {
            Version referenced = versionEntry(reference.subject(), reference.version());
            resolved.putAll(referenced.registered().schema().resolvedReferences());
            resolved.put(reference.name(), referenced.text());
        }
        try {
            return SchemaProviders.of(text.type()).parse(text.text(), text.references(), resolved);
        } catch (InvalidSchemaException e) {
            throw new InvalidSchemaException("The registry's schema for " + what + " does not parse here: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private record SubjectVersion(String subject, int version) {
    }

    /** A version and the text the registry sent for it (what a schema referencing it is parsed against). */
    private record Version(RegisteredSchema registered, String text) {
    }

    private record Latest(RegisteredSchema schema, long fetchedAt) {
    }
}
