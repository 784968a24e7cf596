package dev.ferry.converters.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes a Connect value into a message of a given descriptor, walking the Connect schema and the descriptor
 * together and matching fields by name, so the same code serves the descriptor built from the Connect schema and
 * any compatible one. Stateless.
 */
final class ProtoValueWriter {

    private final ProtobufDataConfig config;

    ProtoValueWriter(ProtobufDataConfig config) {
        this.config = config;
    }

    /** The message of a top-level value: a struct's message, or a primitive's wrapper message. */
    Message write(Schema schema, Object value, Descriptor type) {
        if (schema.type() != Schema.Type.STRUCT) {
            DynamicMessage.Builder wrapper = DynamicMessage.newBuilder(type);
            FieldDescriptor field = FieldsByName.find(type, ProtoNames.VALUE);
            wrapper.setField(field, scalar(field, schema, value));
            return wrapper.build();
        }
        return struct(schema, (Struct) value, type);
    }

    private Message struct(Schema schema, Struct struct, Descriptor type) {
        if (!struct.schema().equals(schema)) {
            throw new DataException("Struct of schema " + struct.schema().name() + " does not match its field's "
                    + "schema " + schema.name() + ".");
        }
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        for (Field field : schema.fields()) {
            Object value = struct.get(field);
            if (value == null) {
                continue;
            }
            if (ProtoSchemaBuilder.isUnion(field.schema())) {
                union(message, field.schema(), (Struct) value);
            } else {
                set(message, fieldOf(type, field.name()), field.schema(), value);
            }
        }
        return message.build();
    }

    private void union(DynamicMessage.Builder message, Schema union, Struct value) {
        for (Field member : union.fields()) {
            Object memberValue = value.get(member);
            if (memberValue != null) {
                set(message, fieldOf(message.getDescriptorForType(), member.name()), member.schema(), memberValue);
                return;
            }
        }
    }

    private FieldDescriptor fieldOf(Descriptor type, String connectName) {
        String name = config.scrubInvalidNames() ? ProtoNames.scrub(connectName) : connectName;
        FieldDescriptor field = FieldsByName.find(type, name);
        if (field == null) {
            throw new DataException("Protobuf message " + type.getFullName() + " has no field " + name
                    + " for the Connect field of that name.");
        }
        return field;
    }

    private void set(DynamicMessage.Builder message, FieldDescriptor field, Schema schema, Object value) {
        if (schema.type() == Schema.Type.MAP) {
            Descriptor entryType = field.getMessageType();
            FieldDescriptor keyField = FieldsByName.find(entryType, ProtoNames.KEY);
            FieldDescriptor valueField = FieldsByName.find(entryType, ProtoNames.VALUE);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                DynamicMessage.Builder entryMessage = DynamicMessage.newBuilder(entryType);
                if (entry.getKey() != null) {
                    entryMessage.setField(keyField, single(keyField, schema.keySchema(), entry.getKey()));
                }
                if (entry.getValue() != null) {
                    entryMessage.setField(valueField, single(valueField, schema.valueSchema(), entry.getValue()));
                }
                message.addRepeatedField(field, entryMessage.build());
            }
        } else if (schema.type() == Schema.Type.ARRAY) {
            for (Object element : (Collection<?>) value) {
                if (element == null) {
                    throw new DataException("Array field " + field.getName() + " holds a null element, which a "
                            + "repeated Protobuf field cannot hold.");
                }
                message.addRepeatedField(field, single(field, schema.valueSchema(), element));
            }
        } else {
            message.setField(field, single(field, schema, value));
        }
    }

    private Object single(FieldDescriptor field, Schema schema, Object value) {
        if (schema.name() != null && LogicalMessages.isLogical(schema.name())) {
            return LogicalMessages.toMessage(schema.name(), value, field.getMessageType());
        }
        return switch (field.getJavaType()) {
            case MESSAGE -> {
                Descriptor type = field.getMessageType();
                if (schema.type() == Schema.Type.STRUCT) {
                    yield struct(schema, (Struct) value, type);
                }
                FieldDescriptor wrapped = FieldsByName.find(type, ProtoNames.VALUE);
                if (ConnectSchemaBuilder.unwrapped(type) == null || wrapped == null) {
                    throw new DataException("Connect " + schema.type() + " cannot be written to message field "
                            + field.getFullName() + " of type " + type.getFullName() + ".");
                }
                yield DynamicMessage.newBuilder(type).setField(wrapped, scalar(wrapped, schema, value)).build();
            }
            case ENUM -> enumValue(field.getEnumType(), schema, value);
            default -> scalar(field, schema, value);
        };
    }

    private static EnumValueDescriptor enumValue(EnumDescriptor type, Schema schema, Object value) {
        if (value instanceof Number number) {
            return type.findValueByNumberCreatingIfUnknown(number.intValue());
        }
        String symbol = (String) value;
        EnumValueDescriptor byName = type.findValueByName(symbol);
        if (byName != null) {
            return byName;
        }
        String number = ProtoSchemaBuilder.param(schema, ProtoNames.ENUM + "." + symbol);
        if (number != null) {
            return type.findValueByNumberCreatingIfUnknown(Integer.parseInt(number));
        }
        throw new DataException("'" + symbol + "' is not a symbol of Protobuf enum " + type.getFullName());
    }

    private static Object scalar(FieldDescriptor field, Schema schema, Object value) {
        try {
            return switch (field.getJavaType()) {
                case INT -> ((Number) value).intValue();
                case LONG -> ((Number) value).longValue();
                case FLOAT -> ((Number) value).floatValue();
                case DOUBLE -> ((Number) value).doubleValue();
                case BOOLEAN -> (Boolean) value;
                case STRING -> (String) value;
                case BYTE_STRING -> value instanceof byte[] bytes ? ByteString.copyFrom(bytes)
                        : ByteString.copyFrom(((ByteBuffer) value).duplicate());
                default -> throw new DataException("Connect " + schema.type() + " cannot be written to Protobuf field "
                        + field.getFullName() + " of type " + field.getType());
            };
        } catch (ClassCastException e) {
            throw new DataException("Connect " + schema.type() + " value of class " + value.getClass().getName()
                    + " cannot be written to Protobuf field " + field.getFullName() + " (" + field.getType() + ").", e);
        }
    }
}
