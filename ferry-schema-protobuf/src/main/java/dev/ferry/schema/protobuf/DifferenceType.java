package dev.ferry.schema.protobuf;

/**
 * The kinds of change between two Protobuf schemas, named as Confluent's registry names them in its
 * compatibility messages ({@code errorType}), and whether a reader on one side still reads data written on the
 * other. {@code {reader}} and {@code {writer}} in a description stand for the two schemas' roles; {@code {path}}
 * for the place of the change.
 */
enum DifferenceType {
    PACKAGE_CHANGED(false, "The package of the {reader} schema does not match the package of the {writer} schema (at '{path}')"),
    MESSAGE_ADDED(true, ""),
    MESSAGE_REMOVED(false, "The {reader} schema is missing the MESSAGE type at path '{path}' of the {writer} schema"),
    MESSAGE_MOVED(true, ""),
    ENUM_ADDED(true, ""),
    ENUM_REMOVED(true, ""),
    ENUM_CONST_ADDED(true, ""),
    ENUM_CONST_CHANGED(true, ""),
    ENUM_CONST_REMOVED(true, ""),
    FIELD_ADDED(true, ""),
    FIELD_REMOVED(true, ""),
    FIELD_NAME_CHANGED(true, ""),
    FIELD_KIND_CHANGED(false, "The field at path '{path}' in the {reader} schema is of another kind (scalar, message or map) "
            + "than in the {writer} schema"),
    FIELD_SCALAR_KIND_CHANGED(false, "The SCALAR field at path '{path}' in the {reader} schema has a type whose wire "
            + "encoding differs from its type in the {writer} schema"),
    FIELD_NAMED_TYPE_CHANGED(false, "The MESSAGE field at path '{path}' in the {reader} schema has another message type "
            + "than in the {writer} schema, or an incompatible one"),
    FIELD_NUMERIC_LABEL_CHANGED(false, "The NUMERIC field at path '{path}' in the {reader} schema has another label "
            + "(optional, required, repeated) than in the {writer} schema"),
    FIELD_STRING_OR_BYTES_LABEL_CHANGED(true, ""),
    REQUIRED_FIELD_ADDED(false, "The required field at path '{path}' in the {reader} schema is missing in the {writer} "
            + "schema"),
    REQUIRED_FIELD_REMOVED(false, "The {reader} schema is missing the required field at path '{path}' of the {writer} "
            + "schema"),
    ONEOF_ADDED(true, ""),
    ONEOF_REMOVED(true, ""),
    ONEOF_FIELD_ADDED(true, ""),
    ONEOF_FIELD_REMOVED(false, "The {reader} schema is missing the oneof field at path '{path}' of the {writer} schema"),
    ONEOF_FIELD_MOVED_TO_TOP_LEVEL(true, ""),
    MULTIPLE_FIELDS_MOVED_TO_ONEOF(false, "The oneof at path '{path}' in the {reader} schema holds several fields that "
            + "are outside a oneof in the {writer} schema"),
    FIELD_MOVED_TO_EXISTING_ONEOF(false, "The oneof at path '{path}' in the {reader} schema holds a field that is "
            + "outside that oneof in the {writer} schema");

    private final boolean compatible;
    private final String description;

    DifferenceType(boolean compatible, String description) {
        this.compatible = compatible;
        this.description = description;
    }

    boolean compatible() {
        return compatible;
    }

    String describe(String path, String reader, String writer) {
        return description.replace("{path}", path).replace("{reader}", reader).replace("{writer}", writer);
    }
}
