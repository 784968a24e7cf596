package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.squareup.wire.schema.internal.parser.OptionElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves the built-in options ({@code java_package}, {@code deprecated}, {@code packed}, ...) between Wire's
 * option elements and descriptor options messages, by the options message's own field names, so every built-in
 * option of {@code descriptor.proto} is covered without a list of them. Custom options ({@code (my.option)}) stay in
 * the schema text only: building them into a descriptor needs their extension definitions at run time.
 */
final class BuiltInOptions {

    private BuiltInOptions() {
    }

    /** Sets each built-in option of {@code options} on {@code builder}; returns whether any was set. */
    static boolean apply(List<OptionElement> options, Message.Builder builder) {
        boolean any = false;
        for (OptionElement option : options) {
            if (option.isParenthesized() || option.getKind() == OptionElement.Kind.OPTION
                    || option.getKind() == OptionElement.Kind.MAP || option.getKind() == OptionElement.Kind.LIST) {
                continue;
            }
            FieldDescriptor field = builder.getDescriptorForType().findFieldByName(option.getName());
            if (field == null || field.isRepeated()) {
                continue;
            }
            Object value = valueOf(field, String.valueOf(option.getValue()));
            if (value != null) {
                builder.setField(field, value);
                any = true;
            }
        }
        return any;
    }

    /** The set built-in options of an options message, in field-number order, as Wire option elements. */
    static List<OptionElement> read(Message options) {
        List<OptionElement> elements = new ArrayList<>();
        for (Map.Entry<FieldDescriptor, Object> entry : options.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (field.isExtension() || field.isRepeated() || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            Object value = entry.getValue();
            OptionElement.Kind kind = switch (field.getJavaType()) {
                case STRING -> OptionElement.Kind.STRING;
                case BOOLEAN -> OptionElement.Kind.BOOLEAN;
                case ENUM -> OptionElement.Kind.ENUM;
                default -> OptionElement.Kind.NUMBER;
            };
            Object text = value instanceof EnumValueDescriptor e ? e.getName() : value;
            elements.add(new OptionElement(field.getName(), kind, kind == OptionElement.Kind.STRING ? text : text.toString(),
                    false));
        }
        return elements;
    }

    private static Object valueOf(FieldDescriptor field, String text) {
        try {
            return switch (field.getJavaType()) {
                case BOOLEAN -> Boolean.parseBoolean(text);
                case STRING -> text;
                case INT -> Integer.decode(text);
                case LONG -> Long.decode(text);
                case FLOAT -> Float.parseFloat(text);
                case DOUBLE -> Double.parseDouble(text);
                case ENUM -> field.getEnumType().findValueByName(text);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
