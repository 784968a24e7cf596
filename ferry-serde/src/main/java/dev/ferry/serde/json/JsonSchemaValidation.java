package dev.ferry.serde.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ferry.schema.ParsedSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Checks JSON values against their JSON Schema ({@code json.fail.invalid.schema}) with networknt's validator
 * (draft 7 unless the schema's {@code $schema} names another, Confluent's default), referenced schemas served
 * from the schema's resolved references, and fails naming every problem. Validators are built once per schema.
 */
final class JsonSchemaValidation {

    /** Problems listed in one error message; the rest are counted. */
    private static final int MAX_LISTED = 10;

    private final Map<ParsedSchema, Schema> validators = new ConcurrentHashMap<>();

    void validate(ParsedSchema schema, JsonNode value, String what) {
        if (!(schema.raw() instanceof JsonNode)) {
            throw new SerializationException("Schema is a " + schema.type() + " schema, not JSON Schema; use the "
                    + "serde of that format.");
        }
        Schema validator = validators.computeIfAbsent(schema, JsonSchemaValidation::build);
        List<Error> errors = validator.validate(value);
        if (!errors.isEmpty()) {
            List<String> listed = errors.stream().limit(MAX_LISTED).map(Error::toString).toList();
            throw new SerializationException("The " + what + " does not match its JSON Schema: "
                    + String.join("; ", listed) + (errors.size() > MAX_LISTED ? " (and " + (errors.size() - MAX_LISTED)
                    + " more)" : "") + ". Fix the value, or set json.fail.invalid.schema=false to write it unchecked.");
        }
    }

    private static Schema build(ParsedSchema schema) {
        Map<String, String> references = schema.resolvedReferences();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(references));
        return registry.getSchema((JsonNode) schema.raw());
    }
}
