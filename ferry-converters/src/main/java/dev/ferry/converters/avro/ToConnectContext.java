package dev.ferry.converters.avro;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one Avro-to-Connect conversion (a schema and the value read with it): the records being converted,
 * to close cycles, and which of them did turn out to be recursive. Not shared between threads.
 */
final class ToConnectContext {

    /** Records whose Connect schema is under construction, by identity of the Avro schema. */
    final Map<org.apache.avro.Schema, CyclicSchema> recordsInProgress = new IdentityHashMap<>();
    /** Records that referred back to themselves: their placeholder must stay for later references. */
    final Set<org.apache.avro.Schema> recursive = new HashSet<>();
}
