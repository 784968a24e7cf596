package dev.ferry.registry.store;

/**
 * The key of one record of the {@code _schemas} topic, one record type per key type of Confluent's registry
 * ({@code keytype} in the key's JSON). A compacted topic keeps the last record per key bytes, so every key
 * must encode to exactly the bytes Confluent writes for it; {@link StoreCodec} does that.
 */
public sealed interface StoreKey {

    /** Confluent's {@code keytype} name of this key. */
    String keyType();

    /** A schema version: {@code {"keytype":"SCHEMA","subject":...,"version":...,"magic":1}}. */
    record Schema(String subject, int version) implements StoreKey {
        @Override
        public String keyType() {
            return "SCHEMA";
        }
    }

    /** A compatibility config, global when {@code subject} is null. */
    record Config(String subject) implements StoreKey {
        @Override
        public String keyType() {
            return "CONFIG";
        }
    }

    /** A mode, global when {@code subject} is null. */
    record Mode(String subject) implements StoreKey {
        @Override
        public String keyType() {
            return "MODE";
        }
    }

    /** A marker written to find the end of the topic; its value is always null. */
    record Noop() implements StoreKey {
        @Override
        public String keyType() {
            return "NOOP";
        }
    }

    /** A soft delete of a subject's versions up to the value's version. */
    record DeleteSubject(String subject) implements StoreKey {
        @Override
        public String keyType() {
            return "DELETE_SUBJECT";
        }
    }

    /** Forgets a subject's (or subject prefix's) permanently deleted versions, written when entering IMPORT mode. */
    record ClearSubject(String subject) implements StoreKey {
        @Override
        public String keyType() {
            return "CLEAR_SUBJECT";
        }
    }

    /**
     * A key type this registry does not act on ({@code CONTEXT}, {@code ASSOC}, or a newer one): read and
     * kept out of the state, so a topic Confluent wrote with newer features still loads.
     */
    record Other(String keyType, String json) implements StoreKey {
    }
}
