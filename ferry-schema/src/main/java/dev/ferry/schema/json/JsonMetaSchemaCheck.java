package dev.ferry.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a schema against its draft's meta-schema (bundled with the networknt validator, so nothing is fetched):
 * a misspelt type, a {@code required} that is not an array of names, a negative {@code minLength} are reported
 * here, each with the JSON path of the offending keyword.
 */
final class JsonMetaSchemaCheck {

    private static final Map<SpecificationVersion, Schema> META_SCHEMAS = new EnumMap<>(SpecificationVersion.class);

    private JsonMetaSchemaCheck() {
    }

    static List<String> problems(JsonNode schema, SpecificationVersion dialect) {
        return metaSchema(dialect).validate(schema).stream().map(JsonMetaSchemaCheck::describe).toList();
    }

    private static synchronized Schema metaSchema(SpecificationVersion dialect) {
        return META_SCHEMAS.computeIfAbsent(dialect, d -> {
            Schema meta = SchemaRegistry.withDefaultDialect(d).getSchema(SchemaLocation.of(d.getDialectId()));
            meta.initializeValidators();
            return meta;
        });
    }

    /** The complaint with the JSON pointer of the value it is about, written as Confluent's paths are: {@code #/a/b}. */
    static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        if (!location.isEmpty() && message.startsWith(location)) {
            message = message.substring(location.length()).replaceFirst("^:\\s*", "");
        }
        return "#" + location + ": " + message;
    }
}
