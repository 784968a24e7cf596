package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SpecificationVersion;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON Schema parsed into a Jackson tree and checked against its draft, with the references it was parsed with
 * and a validator for documents.
 *
 * <p>Its {@link #canonical()} text is Confluent's: the tree written compactly, keys in their original order,
 * decimals exactly as given. Two instances are equal, as the registry decides "already registered", when their
 * canonical texts and references are equal.
 */
public final class JsonSchema implements ParsedSchema {

    private final JsonNode node;
    private final List<SchemaReference> references;
    private final Map<String, String> resolvedReferences;
    private final SpecificationVersion dialect;
    private final JsonReferences refs;
    private final JsonInstanceValidator validator;
    private final String canonical;

    JsonSchema(JsonNode node, List<SchemaReference> references, Map<String, String> resolvedReferences,
            SpecificationVersion dialect, JsonReferences refs, JsonInstanceValidator validator) {
        this.node = node;
        this.references = List.copyOf(references);
        this.resolvedReferences = Map.copyOf(resolvedReferences);
        this.dialect = dialect;
        this.refs = refs;
        this.validator = validator;
        this.canonical = JsonMappers.write(node);
    }

    /** The schema document; the same as {@link #raw()}, typed. Do not modify it. */
    public JsonNode jsonNode() {
        return node;
    }

    /**
     * Why {@code instance} does not conform to this schema, one message per violation, each starting with the
     * JSON pointer of the offending value ({@code #/address/zip: ...}, {@code #: ...} for the document itself); empty when it conforms.
     */
    public List<String> validate(JsonNode instance) {
        return validator.validate(instance);
    }

    /** The draft the schema is read as: its {@code $schema}, or draft 7. */
    public String draft() {
        return JsonSchemaParser.dialectName(dialect);
    }

    @Override
    public SchemaType type() {
        return SchemaType.JSON;
    }

    @Override
    public String canonical() {
        return canonical;
    }

    @Override
    public String formatted(String format) {
        return canonical;
    }

    @Override
    public String name() {
        JsonNode title = node.get("title");
        if (title == null || !title.isTextual()) {
            throw new InvalidSchemaException("The JSON Schema has no \"title\", and RecordNameStrategy and "
                    + "TopicRecordNameStrategy name the subject after it. Add a \"title\" (a fully qualified "
                    + "name such as \"com.example.Order\") or use TopicNameStrategy.");
        }
        return title.asText();
    }

    @Override
    public List<SchemaReference> references() {
        return references;
    }

    @Override
    public Map<String, String> resolvedReferences() {
        return resolvedReferences;
    }

    /** Keys of every object sorted, references sorted with duplicates removed, as Confluent normalises. */
    @Override
    public JsonSchema normalized() {
        List<SchemaReference> sorted = references.stream()
                .sorted()
                .distinct()
                .toList();
        return JsonSchemaParser.parse(JsonMappers.write(JsonMappers.sortedCopy(node)), sorted, resolvedReferences);
    }

    @Override
    public List<String> incompatibilitiesWith(ParsedSchema previous) {
        return incompatibilitiesWith(previous, "new", "old");
    }

    @Override
    public List<String> incompatibilitiesWith(ParsedSchema writer, String readerRole, String writerRole) {
        if (!(writer instanceof JsonSchema old)) {
            return List.of("Incompatible because of different schema type");
        }
        return JsonSchemaDiff.incompatibilities(old.node, old.refs, node, refs).stream()
                .map(d -> d.message(readerRole, writerRole))
                .toList();
    }

    @Override
    public JsonNode raw() {
        return node;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof JsonSchema that && canonical.equals(that.canonical) && references.equals(that.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonical, references);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
