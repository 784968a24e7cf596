package dev.ferry.schema.avro;

import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.SchemaReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/**
 * Turns a schema text and its referenced texts into an {@link AvroSchema}. Referenced schemas are parsed first,
 * into the same Avro parser, so that the schema can name their types; this is how Confluent resolves Avro
 * references, by full name. A client may send the referenced texts in any order, so a referenced schema that
 * names a type defined by a later one is retried once the others are known.
 */
final class AvroSchemaParser {

    private AvroSchemaParser() {
    }

    static AvroSchema parse(String text, List<SchemaReference> references, Map<String, String> resolved,
            boolean asNew) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException("Invalid Avro schema: the schema text is empty. Send the schema as a "
                    + "JSON string, for example {\"type\":\"record\",\"name\":\"User\",\"fields\":[...]}.");
        }
        Map<String, String> referenced = resolved == null ? Map.of() : resolved;
        Schema.Parser parser = newParser(asNew);
        List<Schema> referencedSchemas = parseReferenced(parser, referenced, asNew);
        Schema schema;
        try {
            schema = parser.parse(text);
        } catch (RuntimeException e) {
            throw invalid("Invalid Avro schema", e, referenced);
        }
        return new AvroSchema(schema, referencedSchemas, references == null ? List.of() : List.copyOf(references),
                referenced);
    }

    /**
     * A new schema gets Confluent's checks for new schemas (names of ASCII letters, digits and '_'; defaults of
     * their field's type); a stored one gets none, so that whatever was once registered still parses.
     */
    private static Schema.Parser newParser(boolean asNew) {
        return new Schema.Parser(asNew ? NameValidator.STRICT_VALIDATOR : NameValidator.NO_VALIDATION)
                .setValidateDefaults(asNew);
    }

    /**
     * Parses the referenced texts into the parser, in the given order where it works. When one fails, the whole
     * set is parsed again from a fresh parser with the failing text moved last (a failed parse can leave half a
     * schema's names behind), until every text has been tried after all the others.
     */
    private static List<Schema> parseReferenced(Schema.Parser parser, Map<String, String> referenced,
            boolean asNew) {
        if (referenced.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> order = new ArrayList<>(new LinkedHashMap<>(referenced).entrySet());
        RuntimeException last = null;
        String lastName = null;
        for (int attempt = 0; attempt <= order.size(); attempt++) {
            Schema.Parser trial = newParser(asNew);
            List<Schema> parsed = new ArrayList<>();
            int failedAt = -1;
            for (int i = 0; i < order.size(); i++) {
                try {
                    parsed.add(trial.parse(order.get(i).getValue()));
                } catch (RuntimeException e) {
                    last = e;
                    lastName = order.get(i).getKey();
                    failedAt = i;
                    break;
                }
            }
            if (failedAt < 0) {
                parser.addTypes(trial.getTypes().values());
                return parsed;
            }
            order.add(order.remove(failedAt));
        }
        throw new InvalidSchemaException("Invalid Avro schema: the referenced schema '" + lastName + "' does not "
                + "parse: " + cleaned(String.valueOf(last.getMessage())) + ". Fix the schema registered under that reference, or reference "
                + "every schema whose types it uses.", last);
    }

    private static InvalidSchemaException invalid(String what, RuntimeException e, Map<String, String> referenced) {
        String message = cleaned(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return new InvalidSchemaException(what + ": " + message + ". " + AvroFixHints.hintFor(message, referenced), e);
    }

    /**
     * Avro passes Jackson's parse errors on with the exception class in front and a "[Source: REDACTED ...]" note
     * around the position; what the user needs is the complaint and the line and column.
     */
    static String cleaned(String message) {
        return message.replace("com.fasterxml.jackson.core.JsonParseException: ", "")
                .replace("com.fasterxml.jackson.core.io.JsonEOFException: ", "")
                .replaceAll("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)]", "at $1")
                .replaceAll("\\s*\\n\\s*", " ")
                .trim()
                .replaceAll("\\.+$", "");
    }
}
