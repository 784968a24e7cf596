package dev.ferry.schema;

import java.util.Locale;

/**
 * The three schema formats a registry holds, named as Confluent's REST API names them in
 * {@code schemaType} ({@code AVRO}, {@code PROTOBUF}, {@code JSON}). A request without a type means Avro.
 */
public enum SchemaType {
    AVRO, PROTOBUF, JSON;

    /**
     * The type a request names; null or empty means {@link #AVRO}, case does not matter.
     *
     * @throws InvalidSchemaException naming the accepted values when the name is none of them
     */
    public static SchemaType fromName(String name) {
        if (name == null || name.isBlank()) {
            return AVRO;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSchemaException("Unknown schema type '" + name + "'. Use one of AVRO, PROTOBUF or JSON "
                    + "(or leave schemaType out for AVRO).");
        }
    }
}
