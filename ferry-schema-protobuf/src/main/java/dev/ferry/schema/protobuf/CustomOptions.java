package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Custom options ({@code [(confluent.field_meta) = {...}]}, or any extension of an options message the file can
 * see) both ways. Into a descriptor: each option of the text whose extension resolves is set on the options
 * message, so readers find, say, a Decimal's precision in {@code field.getOptions()} as Confluent's converter
 * does. Out of a descriptor: set extension fields become parenthesized options, as Confluent prints them.
 * Options whose extension cannot be resolved stay in the text only.
 */
final class CustomOptions {

    private final Map<String, FieldDescriptor> extensions;
    private final String packageName;

    private CustomOptions(FileDescriptor file) {
        this.extensions = visibleExtensions(file);
        this.packageName = file.getPackage();
    }

    /** Resolves an option name as written (relative to the file's package) to the extension it sets, or null. */
    static java.util.function.Function<String, FieldDescriptor> resolver(FileDescriptor file) {
        return new CustomOptions(file)::resolve;
    }

    /** {@code proto} (the built file's qualified proto) with the custom options of {@code element} set. */
    static FileDescriptorProto apply(FileDescriptorProto proto, ProtoFileElement element, FileDescriptor built) {
        CustomOptions options = new CustomOptions(built);
        if (options.extensions.isEmpty()) {
            return proto;
        }
        FileDescriptorProto.Builder builder = proto.toBuilder();
        options.set(element.getOptions(), builder::getOptionsBuilder);
        int index = 0;
        for (TypeElement type : element.getTypes()) {
            if (type instanceof MessageElement message) {
                options.message(message, builder.getMessageTypeBuilder(index++));
            }
        }
        index = 0;
        for (TypeElement type : element.getTypes()) {
            if (type instanceof EnumElement enumType) {
                options.enumType(enumType, builder.getEnumTypeBuilder(index++));
            }
        }
        return builder.build();
    }

    /**
     * The set extension fields of an options message as parenthesized Wire options (a list gives one each).
     * Confluent's meta kept as an unknown field (field 1088, as code that builds descriptors without Confluent's
     * classes writes it) counts as set.
     */
    static List<OptionElement> read(Message options) {
        List<OptionElement> elements = new ArrayList<>();
        Map<FieldDescriptor, Object> fields = new java.util.LinkedHashMap<>(options.getAllFields());
        UnknownMeta.of(options).ifPresent(meta -> fields.put(meta.getKey(), meta.getValue()));
        for (Map.Entry<FieldDescriptor, Object> entry : fields.entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (!field.isExtension()) {
                continue;
            }
            List<?> values = entry.getValue() instanceof List<?> list ? list : List.of(entry.getValue());
            for (Object value : values) {
                Object wire = OptionValues.toWire(field, value);
                OptionElement.Kind kind = wire instanceof Map<?, ?> ? OptionElement.Kind.MAP
                        : wire instanceof String ? OptionElement.Kind.STRING
                        : ((OptionElement.OptionPrimitive) wire).getKind();
                Object optionValue = wire instanceof OptionElement.OptionPrimitive p ? p.getValue() : wire;
                elements.add(new OptionElement(field.getFullName(), kind, optionValue, true));
            }
        }
        return elements;
    }

    private void message(MessageElement message, DescriptorProto.Builder proto) {
        set(message.getOptions(), proto::getOptionsBuilder);
        for (FieldElement field : message.getFields()) {
            field(field, proto);
        }
        for (OneOfElement oneOf : message.getOneOfs()) {
            for (FieldElement field : oneOf.getFields()) {
                field(field, proto);
            }
        }
        for (TypeElement nested : message.getNestedTypes()) {
            if (nested instanceof MessageElement nestedMessage) {
                for (DescriptorProto.Builder candidate : proto.getNestedTypeBuilderList()) {
                    if (candidate.getName().equals(nestedMessage.getName())) {
                        message(nestedMessage, candidate);
                    }
                }
            } else if (nested instanceof EnumElement nestedEnum) {
                for (EnumDescriptorProto.Builder candidate : proto.getEnumTypeBuilderList()) {
                    if (candidate.getName().equals(nestedEnum.getName())) {
                        enumType(nestedEnum, candidate);
                    }
                }
            }
        }
    }

    private void field(FieldElement field, DescriptorProto.Builder message) {
        for (FieldDescriptorProto.Builder candidate : message.getFieldBuilderList()) {
            if (candidate.getNumber() == field.getTag()) {
                set(field.getOptions(), candidate::getOptionsBuilder);
            }
        }
    }

    private void enumType(EnumElement enumType, EnumDescriptorProto.Builder proto) {
        set(enumType.getOptions(), proto::getOptionsBuilder);
        for (EnumConstantElement constant : enumType.getConstants()) {
            for (EnumValueDescriptorProto.Builder candidate : proto.getValueBuilderList()) {
                if (candidate.getName().equals(constant.getName())) {
                    set(constant.getOptions(), candidate::getOptionsBuilder);
                }
            }
        }
    }

    /** Sets the resolvable custom options; asks for the options builder only then (asking creates the options). */
    private void set(List<OptionElement> options, Supplier<? extends Message.Builder> optionsBuilder) {
        for (OptionElement option : options) {
            if (!option.isParenthesized()) {
                continue;
            }
            FieldDescriptor extension = resolve(option.getName());
            if (extension == null) {
                continue;
            }
            Message.Builder builder = optionsBuilder.get();
            if (extension.getContainingType() != builder.getDescriptorForType()) {
                continue;
            }
            Object value = OptionValues.toProto(extension, option.getKind(), option.getValue());
            if (value == null) {
                continue;
            }
            if (extension.isRepeated()) {
                builder.addRepeatedField(extension, value);
            } else if (value instanceof Message message && builder.hasField(extension)) {
                // Several assignments to one message option merge, as protoc merges them.
                builder.setField(extension, ((Message) builder.getField(extension)).toBuilder().mergeFrom(message).build());
            } else {
                builder.setField(extension, value);
            }
        }
    }

    private FieldDescriptor resolve(String name) {
        String plain = name.startsWith(".") ? name.substring(1) : name;
        FieldDescriptor exact = extensions.get(plain);
        if (exact != null || packageName.isEmpty()) {
            return exact;
        }
        String scope = packageName;
        while (true) {
            FieldDescriptor scoped = extensions.get(scope + "." + plain);
            if (scoped != null) {
                return scoped;
            }
            int dot = scope.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            scope = scope.substring(0, dot);
        }
    }

    private static Map<String, FieldDescriptor> visibleExtensions(FileDescriptor file) {
        Map<String, FieldDescriptor> byName = new HashMap<>();
        collect(file, byName, new HashSet<>());
        // Confluent's registry knows its meta options even where the file does not import confluent/meta.proto.
        if (!file.getName().equals(WellKnownProtos.CONFLUENT_META)) {
            ProtobufMeta.file().getExtensions().forEach(e -> byName.putIfAbsent(e.getFullName(), e));
        }
        return byName;
    }

    private static void collect(FileDescriptor file, Map<String, FieldDescriptor> byName, Set<String> seen) {
        if (!seen.add(file.getName())) {
            return;
        }
        file.getExtensions().forEach(e -> byName.putIfAbsent(e.getFullName(), e));
        file.getMessageTypes().forEach(m -> m.getExtensions().forEach(e -> byName.putIfAbsent(e.getFullName(), e)));
        file.getDependencies().forEach(d -> collect(d, byName, seen));
    }
}
