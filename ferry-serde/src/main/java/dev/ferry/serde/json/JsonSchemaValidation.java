package dev.ferry.serde.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.json.JsonSchema;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Checks a JSON value against its JSON Schema ({@code json.fail.invalid.schema}) with the schema's own validator
 * (its draft, its references), failing with the problems named by JSON path.
 */
final class JsonSchemaValidation {

    /** Problems listed in one error message; the rest are counted. */
    private static final int MAX_LISTED = 10;

    private JsonSchemaValidation() {
    }

    static void validate(ParsedSchema schema, JsonNode value, String what) {
        if (!(schema instanceof JsonSchema json)) {
            throw new SerializationException("The schema is a " + schema.type() + " schema, not JSON Schema; use the "
                    + "serde of that format.");
        }
        List<String> errors = json.validate(value);
        if (!errors.isEmpty()) {
            List<String> listed = errors.stream().limit(MAX_LISTED).toList();
            throw new SerializationException("The " + what + " does not match its JSON Schema: "
                    + String.join("; ", listed) + (errors.size() > MAX_LISTED ? " (and " + (errors.size() - MAX_LISTED)
                    + " more)" : "") + ". Fix the value, or set json.fail.invalid.schema=false to write it unchecked.");
        }
    }
}
