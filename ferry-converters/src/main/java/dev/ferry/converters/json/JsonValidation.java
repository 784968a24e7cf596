package dev.ferry.converters.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import dev.ferry.schema.json.JsonSchema;
import java.util.List;

/** Validates documents with the JSON Schema provider's own validator (networknt, the schema's draft). */
final class JsonValidation {

    private JsonValidation() {
    }

    /** Why {@code json} does not conform to {@code schema}, each message starting with the JSON path; empty when it does. */
    static List<String> problems(ParsedSchema schema, JsonNode json) {
        JsonSchema jsonSchema = schema instanceof JsonSchema typed ? typed
                : (JsonSchema) SchemaProviders.of(SchemaType.JSON).parse(schema.canonical(), schema.references(),
                        schema.resolvedReferences());
        return jsonSchema.validate(json);
    }
}
