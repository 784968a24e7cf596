package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SpecificationVersion;

/**
 * Which JSON Schema draft a schema is written in: the one its {@code $schema} names (drafts 4, 6, 7, 2019-09 and
 * 2020-12), draft 7 when it names none or one this library does not know, as Confluent's provider assumes.
 */
final class JsonDialect {

    static final SpecificationVersion DEFAULT = SpecificationVersion.DRAFT_7;

    private JsonDialect() {
    }

    static SpecificationVersion of(JsonNode schema) {
        if (schema.isObject() && schema.path("$schema").isTextual()) {
            String id = schema.get("$schema").asText().trim();
            for (SpecificationVersion version : SpecificationVersion.values()) {
                if (sameDialect(version.getDialectId(), id)) {
                    return version;
                }
            }
        }
        return DEFAULT;
    }

    /**
     * The schema as the validator should load it: unchanged when its {@code $schema} names a known draft or none, a
     * copy naming draft 7 otherwise, since the validator would try to fetch an unknown meta-schema and Confluent
     * reads such a schema as draft 7.
     */
    static JsonNode forValidator(JsonNode schema) {
        if (!schema.isObject() || !schema.has("$schema") || !unknown(schema)) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.put("$schema", DEFAULT.getDialectId());
        return copy;
    }

    private static boolean unknown(JsonNode schema) {
        String id = schema.get("$schema").asText().trim();
        for (SpecificationVersion version : SpecificationVersion.values()) {
            if (sameDialect(version.getDialectId(), id)) {
                return false;
            }
        }
        return true;
    }

    /** Dialect ids are written with or without the trailing {@code #} and with http or https. */
    private static boolean sameDialect(String known, String given) {
        return strip(known).equals(strip(given));
    }

    private static String strip(String id) {
        String s = id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
        return s.replaceFirst("^https://", "http://");
    }
}
