package dev.ferry.jdbc.sink.types;

import dev.ferry.jdbc.dialect.ColumnInfo;
import dev.ferry.jdbc.dialect.Dialect;
import dev.ferry.jdbc.dialect.MySqlDialect;
import dev.ferry.jdbc.dialect.PostgreSqlDialect;
import dev.ferry.jdbc.sink.types.generic.GenericWriters;
import dev.ferry.jdbc.sink.types.mysql.MySqlWriters;
import dev.ferry.jdbc.sink.types.postgres.PostgreSqlWriters;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * One database's registry of {@link ColumnWriter}s: a writer per Connect logical type name (Decimal, Date,
 * Debezium's Uuid, ...) and per plain schema type, looked up by the field's schema, names first. Built once per
 * task by {@link #of}; each dialect's subclass registers its own small classes.
 */
public abstract class ColumnWriters {

    private final Map<String, ColumnWriter> byName = new HashMap<>();
    private final Map<Schema.Type, ColumnWriter> byType = new EnumMap<>(Schema.Type.class);
    private final TimeZones zones;

    protected ColumnWriters(TimeZones zones) {
        this.zones = zones;
    }

    /** The registry for the dialect's database, writing zone-less times in {@code zones}. */
    public static ColumnWriters of(Dialect dialect, TimeZones zones) {
        return switch (dialect.name()) {
            case PostgreSqlDialect.NAME -> new PostgreSqlWriters(zones);
            case MySqlDialect.NAME -> new MySqlWriters(zones);
            default -> new GenericWriters(zones);
        };
    }

    protected final void register(String logicalName, ColumnWriter writer) {
        byName.put(logicalName, writer);
    }

    protected final void register(Schema.Type type, ColumnWriter writer) {
        byType.put(type, writer);
    }

    /**
     * The writer for values of {@code schema}.
     *
     * @throws UnmappableTypeException naming the type, if this database has no column type for it
     */
    public ColumnWriter writerFor(Schema schema) {
        if (schema.name() != null) {
            ColumnWriter named = byName.get(schema.name());
            if (named != null) {
                return named;
            }
        }
        if (schema.type() == Schema.Type.ARRAY) {
            return arrayWriter(schema);
        }
        ColumnWriter writer = byType.get(schema.type());
        if (writer == null) {
            throw new UnmappableTypeException(describe(schema) + " has no column type in " + databaseName()
                    + unmappableHint(schema));
        }
        return writer;
    }

    /**
     * The writer for a field {@code timestamp.fields.list} names: epoch {@code unit}s (microseconds or nanoseconds)
     * written as a timestamp column.
     */
    public ColumnWriter epochInstant(java.time.temporal.ChronoUnit unit) {
        return new EpochInstantWriter(unit, epochInstantType(), zones);
    }

    /** The column type for {@link #epochInstant} fields: a zone-less timestamp with microseconds. */
    protected abstract String epochInstantType();

    /** The writer for an array schema; by default none (ANSI SQL and MySQL have no array columns). */
    protected ColumnWriter arrayWriter(Schema schema) {
        throw new UnmappableTypeException(describe(schema) + " has no column type in " + databaseName()
                + unmappableHint(schema));
    }

    /** The parameter marker for {@code writer}'s values in {@code column} (null while creating the table). */
    public String placeholder(ColumnWriter writer, ColumnInfo column) {
        return writer.placeholder(column);
    }

    /** The database's name for messages ("PostgreSQL"). */
    protected abstract String databaseName();

    /** "Connect type STRUCT", "Connect type ARRAY of STRUCT", "Connect type INT64 (name x.y.Z)". */
    public static String describe(Schema schema) {
        StringBuilder s = new StringBuilder("Connect type ").append(schema.type());
        if (schema.type() == Schema.Type.ARRAY) {
            s.append(" of ").append(schema.valueSchema().type());
        }
        if (schema.name() != null) {
            s.append(" (").append(schema.name()).append(')');
        }
        return s.toString();
    }

    private static String unmappableHint(Schema schema) {
        return switch (schema.type()) {
            case STRUCT, MAP, ARRAY -> ": flatten it with an SMT (e.g. org.apache.kafka.connect.transforms.Flatten"
                    + "$Value), drop it with ReplaceField$Value (exclude), or leave it out with fields.whitelist";
            default -> ": drop the field with ReplaceField$Value (exclude) or fields.whitelist, or cast it with "
                    + "Cast$Value";
        };
    }
}
