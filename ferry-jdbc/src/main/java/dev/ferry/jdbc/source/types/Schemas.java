package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Schema shorthands the column types of every dialect share. */
public final class Schemas {

    /** The Connect schema parameter Confluent's connector records a Decimal's column precision in. */
    static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";

    private Schemas() {
    }

    public static Schema of(Schema.Type type, boolean optional) {
        SchemaBuilder builder = SchemaBuilder.type(type);
        return optional ? builder.optional().build() : builder.build();
    }

    public static Schema of(SchemaBuilder builder, boolean optional) {
        return optional ? builder.optional().build() : builder.build();
    }

    public static Schema decimal(int scale, int precision, boolean optional) {
        return of(Decimal.builder(scale).parameter(DECIMAL_PRECISION_PARAMETER, Integer.toString(precision)),
                optional);
    }
}
