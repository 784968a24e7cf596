package dev.ferry.schema.json;

/**
 * One difference between an old and a new JSON Schema at a JSON path ({@code #/properties/age}), typed with
 * Confluent's names. Whether a type breaks compatibility, and how its message reads, are Confluent's rules (the
 * default {@code STRICT} policy); the message calls the schemas by the roles of the check ("new"/"old").
 */
record JsonDifference(Type type, String path) {

    /** How a difference is worded; one wording serves a family of types. */
    enum Wording {
        NONE, KEYWORD_ADDED_OR_REMOVED, VALUE_INCREASED, VALUE_DECREASED, VALUE_CHANGED, TYPE_NARROWED,
        TYPE_EXTENDED, TYPE_CHANGED, ADDED_TO_OPEN, REQUIRED_ADDED_TO_UNOPEN, REMOVED_FROM_CLOSED,
        REMOVED_NOT_COVERED, ADDED_NOT_COVERED,
        /** Confluent leaves this one's description empty; Ferry says where, since the path is all a user has. */
        SCHEMA_ADDED
    }

    enum Type {
        ID_CHANGED(true, Wording.NONE), DESCRIPTION_CHANGED(true, Wording.NONE), TITLE_CHANGED(true, Wording.NONE),
        DEFAULT_CHANGED(true, Wording.NONE), SCHEMA_ADDED(false, Wording.SCHEMA_ADDED), SCHEMA_REMOVED(true, Wording.NONE),
        TYPE_EXTENDED(true, Wording.NONE), TYPE_NARROWED(false, Wording.TYPE_CHANGED),
        TYPE_CHANGED(false, Wording.TYPE_CHANGED),

        MAX_LENGTH_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MAX_LENGTH_REMOVED(true, Wording.NONE),
        MAX_LENGTH_INCREASED(true, Wording.NONE), MAX_LENGTH_DECREASED(false, Wording.VALUE_DECREASED),
        MIN_LENGTH_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MIN_LENGTH_REMOVED(true, Wording.NONE),
        MIN_LENGTH_INCREASED(false, Wording.VALUE_INCREASED), MIN_LENGTH_DECREASED(true, Wording.NONE),
        PATTERN_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), PATTERN_REMOVED(true, Wording.NONE),
        PATTERN_CHANGED(false, Wording.VALUE_CHANGED),

        MAXIMUM_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MAXIMUM_REMOVED(true, Wording.NONE),
        MAXIMUM_INCREASED(true, Wording.NONE), MAXIMUM_DECREASED(false, Wording.VALUE_DECREASED),
        MINIMUM_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MINIMUM_REMOVED(true, Wording.NONE),
        MINIMUM_INCREASED(false, Wording.VALUE_INCREASED), MINIMUM_DECREASED(true, Wording.NONE),
        EXCLUSIVE_MAXIMUM_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), EXCLUSIVE_MAXIMUM_REMOVED(true, Wording.NONE),
        EXCLUSIVE_MAXIMUM_INCREASED(true, Wording.NONE), EXCLUSIVE_MAXIMUM_DECREASED(false, Wording.VALUE_DECREASED),
        EXCLUSIVE_MINIMUM_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), EXCLUSIVE_MINIMUM_REMOVED(true, Wording.NONE),
        EXCLUSIVE_MINIMUM_INCREASED(false, Wording.VALUE_INCREASED), EXCLUSIVE_MINIMUM_DECREASED(true, Wording.NONE),
        MULTIPLE_OF_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MULTIPLE_OF_REMOVED(true, Wording.NONE),
        MULTIPLE_OF_EXPANDED(false, Wording.VALUE_INCREASED), MULTIPLE_OF_REDUCED(true, Wording.NONE),
        MULTIPLE_OF_CHANGED(false, Wording.VALUE_CHANGED),

        REQUIRED_ATTRIBUTE_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED),
        REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED(true, Wording.NONE), REQUIRED_ATTRIBUTE_REMOVED(true, Wording.NONE),
        MAX_PROPERTIES_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MAX_PROPERTIES_REMOVED(true, Wording.NONE),
        MAX_PROPERTIES_INCREASED(true, Wording.NONE), MAX_PROPERTIES_DECREASED(false, Wording.VALUE_DECREASED),
        MIN_PROPERTIES_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MIN_PROPERTIES_REMOVED(true, Wording.NONE),
        MIN_PROPERTIES_INCREASED(false, Wording.VALUE_INCREASED), MIN_PROPERTIES_DECREASED(true, Wording.NONE),
        ADDITIONAL_PROPERTIES_ADDED(true, Wording.NONE),
        ADDITIONAL_PROPERTIES_REMOVED(false, Wording.KEYWORD_ADDED_OR_REMOVED),
        ADDITIONAL_PROPERTIES_EXTENDED(true, Wording.NONE),
        ADDITIONAL_PROPERTIES_NARROWED(false, Wording.TYPE_NARROWED),
        DEPENDENCY_ARRAY_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), DEPENDENCY_ARRAY_REMOVED(true, Wording.NONE),
        DEPENDENCY_ARRAY_EXTENDED(false, Wording.TYPE_EXTENDED), DEPENDENCY_ARRAY_NARROWED(true, Wording.NONE),
        DEPENDENCY_ARRAY_CHANGED(false, Wording.VALUE_CHANGED),
        DEPENDENCY_SCHEMA_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), DEPENDENCY_SCHEMA_REMOVED(true, Wording.NONE),
        REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
        REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
        OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
        PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL(true, Wording.NONE),
        REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL(false, Wording.REQUIRED_ADDED_TO_UNOPEN),
        REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL(true, Wording.NONE),
        OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL(true, Wording.NONE),
        PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL(true, Wording.NONE),
        PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL(true, Wording.NONE),
        PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL(false, Wording.REMOVED_FROM_CLOSED),
        PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.NONE),
        PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.REMOVED_NOT_COVERED),
        PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.NONE),
        PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.ADDED_NOT_COVERED),
        UNEVALUATED_PROPERTIES_ADDED(true, Wording.NONE),
        UNEVALUATED_PROPERTIES_REMOVED(false, Wording.KEYWORD_ADDED_OR_REMOVED),
        UNEVALUATED_PROPERTIES_EXTENDED(true, Wording.NONE),
        UNEVALUATED_PROPERTIES_NARROWED(false, Wording.TYPE_NARROWED),

        MAX_ITEMS_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MAX_ITEMS_REMOVED(true, Wording.NONE),
        MAX_ITEMS_INCREASED(true, Wording.NONE), MAX_ITEMS_DECREASED(false, Wording.VALUE_DECREASED),
        MIN_ITEMS_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MIN_ITEMS_REMOVED(true, Wording.NONE),
        MIN_ITEMS_INCREASED(false, Wording.VALUE_INCREASED), MIN_ITEMS_DECREASED(true, Wording.NONE),
        MAX_CONTAINS_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MAX_CONTAINS_REMOVED(true, Wording.NONE),
        MAX_CONTAINS_INCREASED(true, Wording.NONE), MAX_CONTAINS_DECREASED(false, Wording.VALUE_DECREASED),
        MIN_CONTAINS_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), MIN_CONTAINS_REMOVED(true, Wording.NONE),
        MIN_CONTAINS_INCREASED(false, Wording.VALUE_INCREASED), MIN_CONTAINS_DECREASED(true, Wording.NONE),
        UNIQUE_ITEMS_ADDED(false, Wording.KEYWORD_ADDED_OR_REMOVED), UNIQUE_ITEMS_REMOVED(true, Wording.NONE),
        ADDITIONAL_ITEMS_ADDED(true, Wording.NONE), ADDITIONAL_ITEMS_REMOVED(false, Wording.KEYWORD_ADDED_OR_REMOVED),
        ADDITIONAL_ITEMS_EXTENDED(true, Wording.NONE), ADDITIONAL_ITEMS_NARROWED(false, Wording.TYPE_NARROWED),
        ITEM_ADDED_TO_OPEN_CONTENT_MODEL(false, Wording.ADDED_TO_OPEN),
        ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL(true, Wording.NONE),
        ITEM_ADDED_TO_CLOSED_CONTENT_MODEL(true, Wording.NONE), ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL(true, Wording.NONE),
        ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL(true, Wording.NONE),
        ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL(false, Wording.REMOVED_FROM_CLOSED),
        ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.NONE),
        ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.REMOVED_NOT_COVERED),
        ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(true, Wording.NONE),
        ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL(false, Wording.ADDED_NOT_COVERED),
        UNEVALUATED_ITEMS_ADDED(true, Wording.NONE),
        UNEVALUATED_ITEMS_REMOVED(false, Wording.KEYWORD_ADDED_OR_REMOVED),
        UNEVALUATED_ITEMS_EXTENDED(true, Wording.NONE),
        UNEVALUATED_ITEMS_NARROWED(false, Wording.TYPE_NARROWED),

        ENUM_ARRAY_EXTENDED(true, Wording.NONE), ENUM_ARRAY_NARROWED(false, Wording.TYPE_NARROWED),
        ENUM_ARRAY_CHANGED(false, Wording.TYPE_CHANGED),

        COMBINED_TYPE_EXTENDED(true, Wording.NONE), COMBINED_TYPE_CHANGED(false, Wording.TYPE_CHANGED),
        PRODUCT_TYPE_EXTENDED(false, Wording.TYPE_EXTENDED), PRODUCT_TYPE_NARROWED(true, Wording.NONE),
        SUM_TYPE_EXTENDED(true, Wording.NONE), SUM_TYPE_NARROWED(false, Wording.TYPE_NARROWED),
        COMBINED_TYPE_SUBSCHEMAS_CHANGED(false, Wording.TYPE_CHANGED),
        NOT_TYPE_EXTENDED(false, Wording.TYPE_EXTENDED), NOT_TYPE_NARROWED(true, Wording.NONE);

        private final boolean compatible;
        private final Wording wording;

        Type(boolean compatible, Wording wording) {
            this.compatible = compatible;
            this.wording = wording;
        }

        boolean compatible() {
            return compatible;
        }
    }

    boolean compatible() {
        return type.compatible();
    }

    /** Confluent's shape: {@code {errorType:"TYPE", description:"..."}}. */
    String message(String reader, String writer) {
        return "{errorType:\"" + type.name() + "\", description:\"" + description(reader, writer) + "\"}";
    }

    private String description(String reader, String writer) {
        String at = "'" + path + "'";
        return switch (type.wording) {
            case KEYWORD_ADDED_OR_REMOVED -> "The keyword at path " + at + " in the " + reader
                    + " schema is not present in the " + writer + " schema";
            case VALUE_INCREASED -> "The value at path " + at + " in the " + reader + " schema is more than its value "
                    + "in the " + writer + " schema";
            case VALUE_DECREASED -> "The value at path " + at + " in the " + reader + " schema is less than its value "
                    + "in the " + writer + " schema";
            case VALUE_CHANGED -> "The value at path " + at + " is different between the " + reader + " and " + writer
                    + " schema";
            case TYPE_NARROWED -> "An array or combined type at path " + at + " has fewer elements in the " + reader
                    + " schema than the " + writer + " schema";
            case TYPE_EXTENDED -> "An array or combined type at path " + at + " has more elements in the " + reader
                    + " schema than the " + writer + " schema";
            case TYPE_CHANGED -> "A type at path " + at + " is different between the " + reader + " schema and the "
                    + writer + " schema";
            case ADDED_TO_OPEN -> "The " + reader + " schema has an open content model and has a property or item at "
                    + "path " + at + " which is missing in the " + writer + " schema";
            case REQUIRED_ADDED_TO_UNOPEN -> "The " + reader + " schema has an unopen content model and has a "
                    + "required property at path " + at + " which is missing in the " + writer + " schema";
            case REMOVED_FROM_CLOSED -> "The " + reader + " schema has a closed content model and is missing a "
                    + "property or item present at path " + at + " in the " + writer + " schema";
            case REMOVED_NOT_COVERED -> "A property or item is missing in the " + reader + " schema but present at "
                    + "path " + at + " in the " + writer + " schema and is not covered by its partially open content "
                    + "model";
            case ADDED_NOT_COVERED -> "The " + reader + " schema has a property or item at path " + at + " which is "
                    + "missing in the " + writer + " schema and is not covered by its partially open content model";
            case SCHEMA_ADDED -> "A schema at path " + at + " is present in the " + reader + " schema but not in the "
                    + writer + " schema";
            case NONE -> "";
        };
    }
}
