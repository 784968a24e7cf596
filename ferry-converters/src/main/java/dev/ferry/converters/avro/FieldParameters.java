package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.Map;

/**
 * Applies the {@code connect.parameters} an Avro record field carries: Avro defines a named type once, so when a
 * Connect schema used the same named type twice with different parameters, the second use's parameters sit on the
 * field and are merged back into that field's Connect schema here.
 */
final class FieldParameters {

    private FieldParameters() {
    }

    static Schema apply(Schema original, Map<?, ?> fieldParameters) {
        Map<String, String> parameters = original.parameters() != null ? original.parameters() : Map.of();
        boolean same = true;
        for (Map.Entry<?, ?> entry : fieldParameters.entrySet()) {
            if (!String.valueOf(entry.getValue()).equals(parameters.get(String.valueOf(entry.getKey())))) {
                same = false;
                break;
            }
        }
        if (same) {
            return original;
        }
        SchemaBuilder builder = builderOfSameShape(original);
        if (original.name() != null) {
            builder.name(original.name());
        }
        if (original.version() != null) {
            builder.version(original.version());
        }
        if (original.doc() != null) {
            builder.doc(original.doc());
        }
        if (original.isOptional()) {
            builder.optional();
        }
        if (original.defaultValue() != null) {
            builder.defaultValue(original.defaultValue());
        }
        builder.parameters(parameters);
        for (Map.Entry<?, ?> entry : fieldParameters.entrySet()) {
            builder.parameter(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
        }
        return builder.build();
    }

    private static SchemaBuilder builderOfSameShape(Schema original) {
        switch (original.type()) {
            case STRUCT: {
                SchemaBuilder builder = SchemaBuilder.struct();
                for (Field field : original.fields()) {
                    builder.field(field.name(), field.schema());
                }
                return builder;
            }
            case ARRAY:
                return SchemaBuilder.array(original.valueSchema());
            case MAP:
                return SchemaBuilder.map(original.keySchema(), original.valueSchema());
            default:
                return SchemaBuilder.type(original.type());
        }
    }
}
