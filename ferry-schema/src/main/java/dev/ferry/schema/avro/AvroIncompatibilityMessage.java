package dev.ferry.schema.avro;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * One Avro incompatibility written as Confluent's registry writes it:
 * {@code {errorType:'TYPE', description:'...', additionalInfo:'...'}}, the description calling the two schemas by
 * their roles ("new"/"old"). Where Avro's location is a path of record fields, the description also names the
 * field, dotted from the top record ({@code address.zip}), since a path like {@code /fields/1/type} alone makes
 * the user count.
 */
final class AvroIncompatibilityMessage {

    private AvroIncompatibilityMessage() {
    }

    static String of(Incompatibility incompatibility, Schema reader, String readerRole, String writerRole) {
        String path = incompatibility.getLocation();
        String field = AvroPaths.fieldAt(reader, path);
        String at = field == null ? "" : ", field '" + field + "'";
        String info = incompatibility.getMessage();
        String description = switch (incompatibility.getType()) {
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "'" + at + " in the "
                    + readerRole + " schema does not match with the " + writerRole + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "'" + at + ") of a field in the " + readerRole
                    + " schema does not match with the " + writerRole + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "'" + at + ")";
            case MISSING_ENUM_SYMBOLS -> "The " + readerRole + " schema is missing enum symbols '" + info
                    + "' at path '" + path + "'" + at + " in the " + writerRole + " schema";
            case MISSING_UNION_BRANCH -> "The " + readerRole + " schema is missing a type inside a union field at "
                    + "path '" + path + "'" + at + " in the " + writerRole + " schema";
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + info + "' at path '" + path + "' in the "
                    + readerRole + " schema has no default value and is missing in the " + writerRole + " schema";
        };
        return "{errorType:'" + incompatibility.getType().name().toUpperCase(Locale.ROOT) + "', description:'"
                + description + "', additionalInfo:'" + info + "'}";
    }
}
