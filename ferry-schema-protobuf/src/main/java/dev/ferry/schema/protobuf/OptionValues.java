package dev.ferry.schema.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.squareup.wire.schema.internal.parser.OptionElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the value of a custom option between Wire's forms (a primitive as text, a
 * {@code {key: value}} map, a nested {@code .field = value} assignment, a list) and protobuf-java values of the
 * option's extension field (a {@link DynamicMessage} for a message-typed option such as Confluent's
 * {@code (confluent.field_meta)}).
 */
final class OptionValues {

    private OptionValues() {
    }

    /** The value to set on {@code field} for an option of this kind and value, or null when it does not fit. */
    static Object toProto(FieldDescriptor field, OptionElement.Kind kind, Object value) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            DynamicMessage.Builder builder = DynamicMessage.newBuilder(field.getMessageType());
            if (kind == OptionElement.Kind.OPTION && value instanceof OptionElement nested) {
                set(builder, nested.getName(), nested.getKind(), nested.getValue());
            } else if (value instanceof Map<?, ?> map) {
                fill(builder, map);
            } else {
                return null;
            }
            return builder.build();
        }
        return scalar(field, value);
    }

    private static void fill(Message.Builder builder, Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            set(builder, String.valueOf(entry.getKey()), null, entry.getValue());
        }
    }

    private static void set(Message.Builder builder, String name, OptionElement.Kind kind, Object value) {
        FieldDescriptor field = builder.getDescriptorForType().findFieldByName(name);
        if (field == null) {
            return;
        }
        List<?> values = value instanceof List<?> list ? list : List.of(value);
        for (Object single : values) {
            Object converted = single instanceof Map<?, ?> || single instanceof OptionElement
                    ? message(field, single)
                    : scalar(field, single);
            if (converted == null) {
                continue;
            }
            if (field.isRepeated()) {
                builder.addRepeatedField(field, converted);
            } else {
                builder.setField(field, converted);
            }
        }
    }

    private static Object message(FieldDescriptor field, Object value) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return null;
        }
        DynamicMessage.Builder nested = DynamicMessage.newBuilder(field.getMessageType());
        if (value instanceof Map<?, ?> map) {
            fill(nested, map);
        } else {
            OptionElement option = (OptionElement) value;
            set(nested, option.getName(), option.getKind(), option.getValue());
        }
        return nested.build();
    }

    private static Object scalar(FieldDescriptor field, Object value) {
        String text = String.valueOf(value instanceof OptionElement.OptionPrimitive p ? p.getValue() : value);
        try {
            return switch (field.getJavaType()) {
                case STRING -> text;
                case BOOLEAN -> Boolean.parseBoolean(text);
                case INT -> Integer.decode(text);
                case LONG -> Long.decode(text);
                case FLOAT -> Float.parseFloat(text);
                case DOUBLE -> Double.parseDouble(text);
                case BYTE_STRING -> ByteString.copyFromUtf8(text);
                case ENUM -> field.getEnumType().findValueByName(text);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A set option's value as Wire holds it in a map: strings as they are, other scalars as primitives. */
    static Object toWire(FieldDescriptor field, Object value) {
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            list.forEach(v -> values.add(toWire(field, v)));
            return values;
        }
        if (value instanceof Message message) {
            return map(message);
        }
        if (value instanceof String) {
            return value;
        }
        if (value instanceof EnumValueDescriptor e) {
            return new OptionElement.OptionPrimitive(OptionElement.Kind.ENUM, e.getName());
        }
        if (value instanceof Boolean) {
            return new OptionElement.OptionPrimitive(OptionElement.Kind.BOOLEAN, value.toString());
        }
        if (value instanceof ByteString bytes) {
            return bytes.toStringUtf8();
        }
        return new OptionElement.OptionPrimitive(OptionElement.Kind.NUMBER, value.toString());
    }

    private static Map<String, Object> map(Message message) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            String key = field.isExtension() ? "[" + field.getFullName() + "]" : field.getName();
            map.put(key, toWire(field, entry.getValue()));
        }
        return confluentParamOrder(message.getDescriptorForType(), map);
    }

    /**
     * Confluent prints the {@code precision} and {@code scale} entries of its meta {@code params} value first
     * ({@code {value: "10", key: "precision"}}), for compatibility with texts its older versions registered;
     * printing them the same way keeps schemas derived from descriptors identical to Confluent's.
     */
    private static Map<String, Object> confluentParamOrder(Descriptor type, Map<String, Object> map) {
        if (!type.getFullName().equals("confluent.Meta.ParamsEntry")) {
            return map;
        }
        Object key = map.get("key");
        if (!"precision".equals(key) && !"scale".equals(key)) {
            return map;
        }
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("value", map.get("value"));
        reordered.put("key", key);
        return reordered;
    }
}
