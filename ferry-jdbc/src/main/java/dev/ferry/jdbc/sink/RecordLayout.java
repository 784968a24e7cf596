package dev.ferry.jdbc.sink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * The columns records of one key schema and one value schema write, worked out once per schema pair from
 * {@code pk.mode}, {@code pk.fields} and {@code fields.whitelist} with Confluent's rules: key columns first (in
 * key order), then the value's other fields in schema order. A tombstone's layout (value schema null) has the key
 * columns only.
 */
final class RecordLayout {
    private final List<FieldColumn> keyColumns;
    private final List<FieldColumn> valueColumns;

    private RecordLayout(List<FieldColumn> keyColumns, List<FieldColumn> valueColumns) {
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
    }

    List<FieldColumn> keyColumns() {
        return keyColumns;
    }

    List<FieldColumn> valueColumns() {
        return valueColumns;
    }

    List<FieldColumn> allColumns() {
        List<FieldColumn> all = new ArrayList<>(keyColumns);
        all.addAll(valueColumns);
        return all;
    }

    /**
     * The layout for records with these schemas ({@code valueSchema} null for a tombstone).
     *
     * @throws DataException naming the table, the setting and the fix when the schemas do not fit the settings
     */
    static RecordLayout of(String table, PkMode pkMode, List<String> pkFields, Set<String> whitelist,
                           Schema keySchema, Schema valueSchema, String stringValueColumn) {
        boolean stringValue = valueSchema != null && valueSchema.type() == Schema.Type.STRING;
        if (valueSchema != null && valueSchema.type() != Schema.Type.STRUCT && !stringValue) {
            throw new DataException("Records for table '" + table + "' have a " + valueSchema.type() + " value; the "
                    + "JDBC sink writes struct values, one field per column, or a string value into one column "
                    + "(string.output.value.column.name): wrap the value in a struct (e.g. with the HoistField$Value "
                    + "SMT) or use a converter that produces structs");
        }
        if (stringValue && pkMode == PkMode.RECORD_VALUE) {
            throw new DataException("pk.mode=record_value for table '" + table + "', but the record value is a "
                    + "string, which has no fields to take a key from: use pk.mode=record_key or kafka");
        }
        Map<String, FieldColumn> keys = new LinkedHashMap<>();
        switch (pkMode) {
            case NONE -> { }
            case KAFKA -> kafkaColumns(pkFields, keys);
            case RECORD_KEY -> keyColumns(table, pkFields, keySchema, keys);
            case RECORD_VALUE -> valueKeyColumns(table, pkFields, valueSchema, keys);
            default -> throw new IllegalStateException(pkMode.toString());
        }
        List<FieldColumn> values = new ArrayList<>();
        if (stringValue) {
            if (keys.containsKey(stringValueColumn)) {
                throw new DataException("string.output.value.column.name '" + stringValueColumn + "' is also a "
                        + "primary key column of table '" + table + "': give the value column another name");
            }
            values.add(new FieldColumn(stringValueColumn, Schema.OPTIONAL_STRING_SCHEMA, false,
                    FieldColumn.Source.WHOLE_VALUE, null));
        } else if (valueSchema != null) {
            for (Field field : valueSchema.fields()) {
                if (keys.containsKey(field.name()) || (!whitelist.isEmpty() && !whitelist.contains(field.name()))) {
                    continue;
                }
                values.add(new FieldColumn(field.name(), field.schema(), false, FieldColumn.Source.VALUE_FIELD,
                        field));
            }
        }
        if (keys.isEmpty() && values.isEmpty()) {
            throw new DataException("Records for table '" + table + "' have no fields to write"
                    + (whitelist.isEmpty() ? "" : " (fields.whitelist is " + String.join(",", whitelist) + ")")
                    + ": the value struct has no fields and pk.mode is none");
        }
        return new RecordLayout(new ArrayList<>(keys.values()), values);
    }

    private static void kafkaColumns(List<String> pkFields, Map<String, FieldColumn> keys) {
        List<String> names = pkFields.isEmpty() ? PkMode.DEFAULT_KAFKA_PK_NAMES : pkFields;
        keys.put(names.get(0), new FieldColumn(names.get(0), Schema.STRING_SCHEMA, true, FieldColumn.Source.TOPIC,
                null));
        keys.put(names.get(1), new FieldColumn(names.get(1), Schema.INT32_SCHEMA, true,
                FieldColumn.Source.PARTITION, null));
        keys.put(names.get(2), new FieldColumn(names.get(2), Schema.INT64_SCHEMA, true, FieldColumn.Source.OFFSET,
                null));
    }

    private static void keyColumns(String table, List<String> pkFields, Schema keySchema,
                                   Map<String, FieldColumn> keys) {
        if (keySchema == null) {
            throw new DataException("pk.mode=record_key for table '" + table + "', but the record key has no "
                    + "schema: use a key converter that gives one (e.g. JsonConverter with key.converter.schemas."
                    + "enable=true, Avro, or StringConverter for string keys), or another pk.mode");
        }
        if (keySchema.type().isPrimitive()) {
            if (pkFields.size() != 1) {
                throw new DataException("pk.mode=record_key for table '" + table + "' and the record key is a "
                        + keySchema.type() + ", a single value: set pk.fields to exactly one name, the key's column "
                        + "(pk.fields is " + (pkFields.isEmpty() ? "empty" : String.join(",", pkFields)) + ")");
            }
            String name = pkFields.get(0);
            keys.put(name, new FieldColumn(name, keySchema, true, FieldColumn.Source.WHOLE_KEY, null));
            return;
        }
        if (keySchema.type() != Schema.Type.STRUCT) {
            throw new DataException("pk.mode=record_key for table '" + table + "', but the record key is a "
                    + keySchema.type() + "; the key must be a primitive or a struct");
        }
        List<String> names = pkFields.isEmpty() ? keySchema.fields().stream().map(Field::name).toList() : pkFields;
        for (String name : names) {
            Field field = keySchema.field(name);
            if (field == null) {
                throw new DataException("pk.fields names '" + name + "', which the record key of table '" + table
                        + "' does not have (its fields: " + fieldNames(keySchema) + ")");
            }
            keys.put(name, new FieldColumn(name, field.schema(), true, FieldColumn.Source.KEY_FIELD, field));
        }
        if (keys.isEmpty()) {
            throw new DataException("pk.mode=record_key for table '" + table + "', but the key struct has no fields");
        }
    }

    private static void valueKeyColumns(String table, List<String> pkFields, Schema valueSchema,
                                        Map<String, FieldColumn> keys) {
        if (valueSchema == null) {
            throw new DataException("pk.mode=record_value for table '" + table + "', but the record has no value "
                    + "schema: use a value converter with schemas (Avro, JSON with schemas.enable=true, ...)");
        }
        List<String> names = pkFields.isEmpty() ? valueSchema.fields().stream().map(Field::name).toList()
                : pkFields;
        for (String name : names) {
            Field field = valueSchema.field(name);
            if (field == null) {
                throw new DataException("pk.fields names '" + name + "', which the record value of table '" + table
                        + "' does not have (its fields: " + fieldNames(valueSchema) + ")");
            }
            keys.put(name, new FieldColumn(name, field.schema(), true, FieldColumn.Source.VALUE_FIELD, field));
        }
    }

    private static String fieldNames(Schema struct) {
        return String.join(", ", struct.fields().stream().map(Field::name).toList());
    }
}
