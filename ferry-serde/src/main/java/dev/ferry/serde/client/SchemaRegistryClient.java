package dev.ferry.serde.client;

import dev.ferry.schema.ParsedSchema;

/**
 * A client of a Confluent-compatible Schema Registry's REST API, as the serializers and converters need it.
 * Implementations are thread-safe and cache: a schema's id, a subject's versions and a schema by id are asked
 * of the registry once per new schema, never per record; the latest version of a subject is kept for
 * {@code latest.cache.ttl.sec}.
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry answers with an error (its HTTP
 * status, Confluent {@code error_code} and message) and {@link RegistryUnreachableException} when no registry
 * URL answered at all; only the latter is worth retrying.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}) and returns its id; a schema
     * already registered under the subject gets its existing id.
     *
     * @param normalize whether the registry normalises the schema first ({@code ?normalize=true})
     */
    int register(String subject, ParsedSchema schema, boolean normalize);

    /**
     * The id of a schema already registered under a subject ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaRegistryException 404 with error code 40401 or 40403 when it is not registered there
     */
    int idOf(String subject, ParsedSchema schema, boolean normalize);

    /** The subject, version and id of a schema already registered under a subject ({@code POST /subjects/{subject}}). */
    RegisteredSchema lookup(String subject, ParsedSchema schema, boolean normalize);

    /** The schema with this id ({@code GET /schemas/ids/{id}}), its references resolved through the registry. */
    ParsedSchema schemaById(int id);

    /** The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}). */
    RegisteredSchema latest(String subject);

    /** One version of a subject ({@code GET /subjects/{subject}/versions/{version}}). */
    RegisteredSchema version(String subject, int version);

    /** Releases the HTTP client; further calls fail. */
    @Override
    void close();
}
