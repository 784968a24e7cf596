package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Schema;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one Avro-to-Connect conversion (a schema and the value read with it): the records being converted,
 * to close cycles, and which of them did turn out to be recursive. Its maps are made on first use, because most
 * conversions (a record whose Connect schema is cached, read per record) never need them. Not shared between
 * threads.
 */
final class ToConnectContext {

    /** A top-level record whose Connect schema came from the cache. */
    private org.apache.avro.Schema cachedRecord;
    private Schema cachedSchema;
    /** Records whose Connect schema is under construction, by identity of the Avro schema. */
    private Map<org.apache.avro.Schema, CyclicSchema> inProgress;
    /** Records that referred back to themselves: their placeholder must stay for later references. */
    private Set<org.apache.avro.Schema> recursive;

    /** The top-level record's Connect schema was taken from the cache. */
    void cached(org.apache.avro.Schema record, Schema schema) {
        this.cachedRecord = record;
        this.cachedSchema = schema;
    }

    /** A record's Connect schema is being built by {@code builder}. */
    void start(org.apache.avro.Schema record, Schema builder) {
        if (inProgress == null) {
            inProgress = new IdentityHashMap<>();
        }
        inProgress.put(record, new CyclicSchema(builder));
    }

    /** The placeholder of a record being converted (or the cached top-level one), else null; marks it recursive. */
    CyclicSchema referenceTo(org.apache.avro.Schema record) {
        CyclicSchema found = inProgress == null ? null : inProgress.get(record);
        if (found == null && record == cachedRecord) {
            found = new CyclicSchema(cachedSchema);
        }
        if (found != null) {
            if (recursive == null) {
                recursive = new HashSet<>();
            }
            recursive.add(record);
        }
        return found;
    }

    /** A schema's conversion ended: a record that did not refer to itself is no longer a cycle target. */
    void finish(org.apache.avro.Schema schema) {
        if (inProgress != null && (recursive == null || !recursive.contains(schema))) {
            inProgress.remove(schema);
        }
    }
}
