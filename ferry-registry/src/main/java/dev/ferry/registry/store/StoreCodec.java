package dev.ferry.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.schema.SchemaReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Confluent's JSON encoding of {@code _schemas} keys and values.
 *
 * <p>Keys are written byte for byte as Confluent's registry writes them (fields in the order
 * {@code keytype, subject, version, magic}, absent fields left out), because the topic is compacted by key
 * bytes: a delete (tombstone) or a rewrite only replaces Confluent's earlier record when the bytes match.
 * Values are written in Confluent's field order too (subject, version, id, schemaType, references, schema,
 * deleted for a schema) so a Confluent registry reading the topic back sees what it would have written.
 *
 * <p>Reading is lenient where Confluent's is: unknown fields are kept as extras, a config or mode value
 * without a subject takes the key's, and unknown key types are kept as {@link StoreKey.Other}.
 */
public final class StoreCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The schema value's fields in Confluent's order; fields this registry models are filled in, others from extras. */
    private static final List<String> SCHEMA_FIELDS = List.of("subject", "version", "id", "md5", "schemaType",
            "references", "metadata", "ruleSet", "schema", "deleted");
    private static final List<String> CONFIG_FIELDS = List.of("subject", "alias", "aliasForDeks", "normalize",
            "validateFields", "validateNewSchemas", "validateRules", "compatibilityLevel", "compatibilityPolicy",
            "compatibilityGroup", "defaultMetadata", "overrideMetadata", "defaultRuleSet", "overrideRuleSet");

    private StoreCodec() {
    }

    public static byte[] encodeKey(StoreKey key) {
        ObjectNode node = NODES.objectNode();
        node.put("keytype", key.keyType());
        if (key instanceof StoreKey.Schema k) {
            putIfPresent(node, "subject", k.subject());
            node.put("version", k.version());
            node.put("magic", 1);
        } else if (key instanceof StoreKey.Config k) {
            subjectKey(node, k.subject());
        } else if (key instanceof StoreKey.Mode k) {
            subjectKey(node, k.subject());
        } else if (key instanceof StoreKey.DeleteSubject k) {
            subjectKey(node, k.subject());
        } else if (key instanceof StoreKey.ClearSubject k) {
            subjectKey(node, k.subject());
        } else if (key instanceof StoreKey.Noop) {
            node.put("magic", 0);
        } else {
            return ((StoreKey.Other) key).json().getBytes(StandardCharsets.UTF_8);
        }
        return bytes(node);
    }

    private static void subjectKey(ObjectNode node, String subject) {
        putIfPresent(node, "subject", subject);
        node.put("magic", 0);
    }

    /** The value's bytes, or null for a tombstone ({@code value} null). */
    public static byte[] encodeValue(StoreValue value) {
        if (value == null) {
            return null;
        }
        ObjectNode node;
        if (value instanceof StoreValue.Schema v) {
            node = schemaValue(v);
        } else if (value instanceof StoreValue.Config v) {
            ObjectNode fields = v.extras() == null ? NODES.objectNode() : v.extras().deepCopy();
            putIfPresent(fields, "subject", v.subject());
            putIfPresent(fields, "compatibilityLevel", v.compatibilityLevel());
            node = ordered(fields, CONFIG_FIELDS);
        } else if (value instanceof StoreValue.Mode v) {
            node = NODES.objectNode();
            putIfPresent(node, "subject", v.subject());
            node.put("mode", v.mode());
        } else if (value instanceof StoreValue.DeleteSubject v) {
            node = NODES.objectNode();
            node.put("subject", v.subject());
            node.put("version", v.version());
        } else if (value instanceof StoreValue.ClearSubject v) {
            node = NODES.objectNode();
            node.put("subject", v.subject());
        } else {
            return ((StoreValue.Other) value).json().getBytes(StandardCharsets.UTF_8);
        }
        return bytes(node);
    }

    private static ObjectNode schemaValue(StoreValue.Schema v) {
        ObjectNode fields = v.extras() == null ? NODES.objectNode() : v.extras().deepCopy();
        fields.put("subject", v.subject());
        fields.put("version", v.version());
        fields.put("id", v.id());
        fields.put("schemaType", v.schemaType());
        if (!v.references().isEmpty()) {
            ArrayNode refs = fields.putArray("references");
            for (SchemaReference ref : v.references()) {
                ObjectNode r = refs.addObject();
                r.put("name", ref.name());
                r.put("subject", ref.subject());
                r.put("version", ref.version());
            }
        } else {
            fields.remove("references");
        }
        fields.put("schema", v.schema());
        fields.put("deleted", v.deleted());
        return ordered(fields, SCHEMA_FIELDS);
    }

    /** {@code fields} re-ordered: the named fields first in the given order, any others after them. */
    private static ObjectNode ordered(ObjectNode fields, List<String> order) {
        ObjectNode out = NODES.objectNode();
        for (String name : order) {
            JsonNode field = fields.get(name);
            if (field != null && !field.isNull()) {
                out.set(name, field);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!out.has(field.getKey()) && !field.getValue().isNull()) {
                out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }

    public static StoreKey decodeKey(byte[] bytes) {
        if (bytes == null) {
            throw new StoreFormatException("A _schemas record has no key; every record of the topic needs a JSON key");
        }
        JsonNode node = tree(bytes, "key");
        String keyType = text(node, "keytype");
        if (keyType == null) {
            throw new StoreFormatException("A _schemas key has no 'keytype': " + new String(bytes, StandardCharsets.UTF_8));
        }
        String subject = text(node, "subject");
        return switch (keyType) {
            case "SCHEMA" -> {
                int magic = node.path("magic").asInt(0);
                if (magic != 0 && magic != 1) {
                    throw new StoreFormatException("A SCHEMA key has magic " + magic + " where 0 or 1 is expected: "
                            + new String(bytes, StandardCharsets.UTF_8));
                }
                if (subject == null || !node.path("version").canConvertToInt()) {
                    throw new StoreFormatException("A SCHEMA key lacks its subject or version: "
                            + new String(bytes, StandardCharsets.UTF_8));
                }
                yield new StoreKey.Schema(subject, node.get("version").asInt());
            }
            case "CONFIG" -> new StoreKey.Config(subject);
            case "MODE" -> new StoreKey.Mode(subject);
            case "NOOP" -> new StoreKey.Noop();
            case "DELETE_SUBJECT" -> new StoreKey.DeleteSubject(subject);
            case "CLEAR_SUBJECT" -> new StoreKey.ClearSubject(subject);
            default -> new StoreKey.Other(keyType, new String(bytes, StandardCharsets.UTF_8));
        };
    }

    /** The value of a record with {@code key}, or null for a tombstone (no value bytes). */
    public static StoreValue decodeValue(StoreKey key, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode node = tree(bytes, key.keyType() + " value");
        if (node.isNull()) {
            return null;
        }
        if (!(node instanceof ObjectNode fields)) {
            throw new StoreFormatException("A " + key.keyType() + " value is not a JSON object: "
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        String subject = text(fields, "subject");
        if (key instanceof StoreKey.Schema k) {
            return schema(k, fields);
        } else if (key instanceof StoreKey.Config k) {
            ObjectNode extras = fields.deepCopy();
            extras.remove(List.of("subject", "compatibilityLevel"));
            return new StoreValue.Config(subject != null ? subject : k.subject(), text(fields, "compatibilityLevel"),
                    extras);
        } else if (key instanceof StoreKey.Mode k) {
            return new StoreValue.Mode(subject != null ? subject : k.subject(), text(fields, "mode"));
        } else if (key instanceof StoreKey.DeleteSubject k) {
            return new StoreValue.DeleteSubject(subject != null ? subject : k.subject(), fields.path("version").asInt(0));
        } else if (key instanceof StoreKey.ClearSubject k) {
            return new StoreValue.ClearSubject(subject != null ? subject : k.subject());
        } else if (key instanceof StoreKey.Noop) {
            return null;
        }
        return new StoreValue.Other(new String(bytes, StandardCharsets.UTF_8));
    }

    private static StoreValue.Schema schema(StoreKey.Schema key, ObjectNode fields) {
        String schema = text(fields, "schema");
        if (schema == null || !fields.path("id").canConvertToInt()) {
            throw new StoreFormatException("The SCHEMA value of " + key.subject() + " version " + key.version()
                    + " lacks its schema text or id");
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode ref : fields.path("references")) {
            references.add(new SchemaReference(text(ref, "name"), text(ref, "subject"), ref.path("version").asInt()));
        }
        ObjectNode extras = fields.deepCopy();
        extras.remove(List.of("subject", "version", "id", "schemaType", "references", "schema", "deleted"));
        String subject = text(fields, "subject") != null ? text(fields, "subject") : key.subject();
        int version = fields.path("version").canConvertToInt() ? fields.get("version").asInt() : key.version();
        return new StoreValue.Schema(subject, version, fields.get("id").asInt(), text(fields, "schemaType"),
                references, schema, fields.path("deleted").asBoolean(false), extras);
    }

    private static JsonNode tree(byte[] bytes, String what) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new StoreFormatException("A _schemas " + what + " is not JSON ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "): "
                    + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        } else {
            node.remove(field);
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a _schemas record as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
