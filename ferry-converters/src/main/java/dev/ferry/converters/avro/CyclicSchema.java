package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Connect schema that stands for a record still being converted, so that a recursive Avro record (a linked
 * list node with an optional {@code next}, say) becomes a Connect schema that refers back to itself instead of
 * recursing forever. It delegates to the record's builder, whose fields are complete by the time anyone reads
 * them, and carries its own optionality (the same record may be required in one place and optional in another).
 */
final class CyclicSchema implements Schema {

    private final Schema schema;
    private final boolean optional;

    CyclicSchema(Schema schema) {
        this(schema, schema.isOptional());
    }

    CyclicSchema(Schema schema, boolean optional) {
        this.schema = schema;
        this.optional = optional;
    }

    @Override
    public Type type() {
        return schema.type();
    }

    @Override
    public boolean isOptional() {
        return optional;
    }

    @Override
    public Object defaultValue() {
        return schema.defaultValue();
    }

    @Override
    public String name() {
        return schema.name();
    }

    @Override
    public Integer version() {
        return schema.version();
    }

    @Override
    public String doc() {
        return schema.doc();
    }

    @Override
    public Map<String, String> parameters() {
        return schema.parameters();
    }

    @Override
    public Schema keySchema() {
        return schema.keySchema();
    }

    @Override
    public Schema valueSchema() {
        return schema.valueSchema();
    }

    @Override
    public List<Field> fields() {
        return schema.fields();
    }

    @Override
    public Field field(String fieldName) {
        return schema.field(fieldName);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CyclicSchema)) {
            return false;
        }
        CyclicSchema other = (CyclicSchema) o;
        // The wrapped builder compares by identity: comparing its fields would recurse through the cycle.
        return optional == other.optional && Objects.equals(schema, other.schema);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(optional) + Objects.hashCode(schema);
    }

    @Override
    public String toString() {
        return "CyclicSchema{" + schema.name() + (optional ? ", optional" : "") + "}";
    }
}
