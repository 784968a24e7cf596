package dev.ferry.converters.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads a Protobuf message into the Connect value of the schema {@link ConnectSchemaBuilder} derived from its
 * descriptor: unset message fields stay null (or become empty structs per {@code generate.struct.for.nulls}),
 * unset scalars read as proto3 defaults, a set oneof member fills its union struct. Stateless.
 */
final class ConnectValueReader {

    private final ProtobufDataConfig config;

    ConnectValueReader(ProtobufDataConfig config) {
        this.config = config;
    }

    Object read(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (schema.name() != null && LogicalMessages.isLogical(schema.name())) {
                return LogicalMessages.fromMessage(schema.name(), value);
            }
            if ((value instanceof Message || value instanceof MessageFields) && schema.type() != Schema.Type.STRUCT
                    && schema.type() != Schema.Type.MAP && schema.type() != Schema.Type.ARRAY) {
                value = wrapped(MessageFields.of(value));
            }
            return switch (schema.type()) {
                case INT8 -> ((Number) value).byteValue();
                case INT16 -> ((Number) value).shortValue();
                case INT32 -> value instanceof EnumValueDescriptor symbol ? symbol.getNumber()
                        : ((Number) value).intValue();
                case INT64 -> value instanceof Long longValue ? longValue
                        : Integer.toUnsignedLong(((Number) value).intValue());
                case FLOAT32 -> ((Number) value).floatValue();
                case FLOAT64 -> ((Number) value).doubleValue();
                case BOOLEAN -> (Boolean) value;
                case STRING -> value instanceof EnumValueDescriptor symbol ? symbol.getName() : (String) value;
                case BYTES -> ByteBuffer.wrap(((ByteString) value).toByteArray());
                case ARRAY -> array(schema, (Collection<?>) value);
                case MAP -> map(schema, (Collection<?>) value);
                case STRUCT -> struct(schema, MessageFields.of(value));
            };
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new DataException("Protobuf value " + value + " does not fit Connect " + schema.type()
                    + (schema.name() == null ? "" : " " + schema.name()) + ": " + e.getMessage(), e);
        }
    }

    private static Object wrapped(MessageFields wrapper) {
        FieldDescriptor value = FieldsByName.find(wrapper.type(), ProtoNames.VALUE);
        if (value == null) {
            throw new DataException("Message " + wrapper.type().getFullName() + " is read as a "
                    + "primitive but is not a wrapper: it has no 'value' field.");
        }
        return wrapper.get(value);
    }

    private List<Object> array(Schema schema, Collection<?> elements) {
        List<Object> array = new ArrayList<>(elements.size());
        for (Object element : elements) {
            array.add(read(schema.valueSchema(), element));
        }
        return array;
    }

    private Map<Object, Object> map(Schema schema, Collection<?> entries) {
        Map<Object, Object> map = new HashMap<>();
        for (Object entry : entries) {
            MessageFields message = MessageFields.of(entry);
            Descriptor type = message.type();
            map.put(read(schema.keySchema(), message.get(FieldsByName.find(type, ProtoNames.KEY))),
                    read(schema.valueSchema(), message.get(FieldsByName.find(type, ProtoNames.VALUE))));
        }
        return map;
    }

    private Struct struct(Schema schema, MessageFields message) {
        Struct struct = new Struct(schema);
        Descriptor type = message.type();
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            FieldDescriptor member = message.oneofCase(oneof);
            if (member == null) {
                continue;
            }
            if (config.flattenUnions()) {
                put(struct, schema, member.getName(), message.get(member));
            } else {
                Field unionField = field(schema, ConnectSchemaBuilder.unionFieldName(oneof, config));
                Struct union = new Struct(unionField.schema());
                put(union, unionField.schema(), member.getName(), message.get(member));
                struct.put(unionField, union);
            }
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getRealContainingOneof() != null) {
                continue;
            }
            boolean presentByDefault = (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated())
                    && !field.toProto().getProto3Optional();
            if (presentByDefault || config.generateStructForNulls() || message.has(field)) {
                put(struct, schema, field.getName(), message.get(field));
            }
        }
        return struct;
    }

    private void put(Struct struct, Schema schema, String name, Object value) {
        Field field = field(schema, name);
        struct.put(field, read(field.schema(), value));
    }

    private static Field field(Schema schema, String name) {
        Field field = schema.field(name);
        if (field == null) {
            throw new DataException("Connect schema " + schema.name() + " has no field " + name
                    + " for the Protobuf field of that name.");
        }
        return field;
    }
}
