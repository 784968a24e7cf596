package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * Validates JSON documents against one schema with the networknt validator, the referenced schemas served from
 * the texts the schema was parsed with. Built once per schema, on first use; thread-safe afterwards.
 */
final class JsonInstanceValidator {

    /** Where a schema without an absolute {@code $id} is taken to live, so that relative {@code $ref}s resolve. */
    private static final String BASE = "mem://input/schema.json";

    private final Schema schema;

    JsonInstanceValidator(JsonNode root, SpecificationVersion dialect, JsonReferences references) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect,
                builder -> builder.schemas(references::textFor));
        this.schema = registry.getSchema(SchemaLocation.of(BASE), JsonDialect.forValidator(root));
        this.schema.initializeValidators();
    }

    List<String> validate(JsonNode instance) {
        return schema.validate(instance).stream().map(JsonMetaSchemaCheck::describe).toList();
    }
}
