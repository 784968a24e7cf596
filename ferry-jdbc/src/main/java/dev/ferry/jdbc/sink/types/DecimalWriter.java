package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * Connect Decimal into an exact numeric column. The column type comes from the schema's scale and, when the
 * producer recorded it ({@code connect.decimal.precision}, as Avro and Debezium schemas do), its precision; the
 * dialect says how to spell that ({@link ColumnType}). Values are bound as {@link BigDecimal}, never as doubles.
 */
public final class DecimalWriter implements ColumnWriter {
    /** The schema parameter Avro's and Debezium's converters record a decimal's precision in. */
    public static final String PRECISION_PARAMETER = "connect.decimal.precision";

    /** Spells the column type for a scale and a precision (null when the schema does not carry one). */
    @FunctionalInterface
    public interface ColumnType {
        String of(Integer precision, int scale);
    }

    private final ColumnType columnType;

    public DecimalWriter(ColumnType columnType) {
        this.columnType = columnType;
    }

    @Override
    public String columnType(Schema schema, boolean key) {
        Map<String, String> parameters = schema.parameters() == null ? Map.of() : schema.parameters();
        int scale = Integer.parseInt(parameters.getOrDefault(Decimal.SCALE_FIELD, "0"));
        String precision = parameters.get(PRECISION_PARAMETER);
        return columnType.of(precision == null ? null : Integer.valueOf(precision), scale);
    }

    @Override
    public void bind(PreparedStatement statement, int index, Schema schema, Object value, ColumnInfo column)
            throws SQLException {
        statement.setBigDecimal(index, (BigDecimal) value);
    }

    @Override
    public int nullType() {
        return Types.NUMERIC;
    }

    @Override
    public String literal(Schema schema, Object value) {
        return ((BigDecimal) value).toPlainString();
    }
}
