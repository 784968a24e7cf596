package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.ExtensionsElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import dev.ferry.schema.InvalidSchemaException;
import java.util.ArrayList;
import java.util.List;
import kotlin.ranges.IntRange;

/**
 * Builds the {@code FileDescriptorProto} of a parsed {@code .proto} file. Message and enum type names are kept
 * as written: protobuf-java resolves them with protoc's scoping rules when it builds the descriptor (and
 * {@link QualifiedNames} then writes the resolved full names back). Declared nested messages come before the
 * synthetic map entry messages, so that a message's index among its siblings is the one Confluent's message
 * indexes use, which count declared messages only. Fields come in the order Confluent's registry gives them
 * (oneof members first), so that the descriptor, and what is derived from it, such as a Connect schema, match.
 */
final class ElementToDescriptor {

    private final boolean proto3;

    private ElementToDescriptor(boolean proto3) {
        this.proto3 = proto3;
    }

    static FileDescriptorProto convert(ProtoFileElement file, String fileName) {
        return new ElementToDescriptor(file.getSyntax() == Syntax.PROTO_3).file(file, fileName);
    }

    private FileDescriptorProto file(ProtoFileElement file, String fileName) {
        FileDescriptorProto.Builder proto = FileDescriptorProto.newBuilder().setName(fileName);
        if (file.getPackageName() != null) {
            proto.setPackage(file.getPackageName());
        }
        if (file.getSyntax() != null) {
            proto.setSyntax(file.getSyntax().toString());
        }
        for (String dependency : file.getImports()) {
            proto.addDependency(dependency);
        }
        for (String dependency : file.getPublicImports()) {
            proto.addPublicDependency(proto.getDependencyCount());
            proto.addDependency(dependency);
        }
        for (String dependency : file.getWeakImports()) {
            proto.addWeakDependency(proto.getDependencyCount());
            proto.addDependency(dependency);
        }
        for (TypeElement type : file.getTypes()) {
            if (type instanceof MessageElement message) {
                proto.addMessageType(message(message));
            } else if (type instanceof EnumElement enumType) {
                proto.addEnumType(enumType(enumType));
            }
        }
        for (ServiceElement service : file.getServices()) {
            proto.addService(service(service));
        }
        for (ExtendElement extend : file.getExtendDeclarations()) {
            for (FieldElement field : extend.getFields()) {
                proto.addExtension(field(field, null).setExtendee(extend.getName()));
            }
        }
        if (!BuiltInOptions.apply(file.getOptions(), proto.getOptionsBuilder())) {
            proto.clearOptions();
        }
        return proto.build();
    }

    private DescriptorProto message(MessageElement message) {
        if (!message.getGroups().isEmpty()) {
            throw new InvalidSchemaException("Invalid Protobuf schema: message " + message.getName() + " declares a group ("
                    + message.getGroups().get(0).getName() + "), which is not supported. Declare a nested message and a "
                    + "field of that type instead.");
        }
        DescriptorProto.Builder proto = DescriptorProto.newBuilder().setName(message.getName());
        List<DescriptorProto> mapEntries = new ArrayList<>();
        List<String> syntheticOneofs = new ArrayList<>();
        // Oneof members first, then the other fields, in the order Confluent's registry builds descriptors.
        int oneofIndex = 0;
        for (OneOfElement oneOf : message.getOneOfs()) {
            OneofDescriptorProto.Builder oneofProto = OneofDescriptorProto.newBuilder().setName(oneOf.getName());
            if (!BuiltInOptions.apply(oneOf.getOptions(), oneofProto.getOptionsBuilder())) {
                oneofProto.clearOptions();
            }
            proto.addOneofDecl(oneofProto);
            for (FieldElement field : oneOf.getFields()) {
                proto.addField(field(field, oneofIndex));
            }
            oneofIndex++;
        }
        for (FieldElement field : message.getFields()) {
            MapType map = MapType.parse(field.getType());
            if (map != null) {
                String entryName = MapType.entryName(field.getName());
                mapEntries.add(mapEntry(entryName, map));
                proto.addField(field(field, null).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                        .clearType().setTypeName(entryName));
                continue;
            }
            FieldDescriptorProto.Builder built = field(field, null);
            if (proto3 && field.getLabel() == Field.Label.OPTIONAL) {
                // proto3 'optional' is a oneof of one field that protobuf-java wants after the real oneofs.
                built.setProto3Optional(true).setOneofIndex(message.getOneOfs().size() + syntheticOneofs.size());
                syntheticOneofs.add(syntheticOneofName(field.getName(), message));
            }
            proto.addField(built);
        }
        for (String name : syntheticOneofs) {
            proto.addOneofDecl(OneofDescriptorProto.newBuilder().setName(name));
        }
        for (TypeElement nested : message.getNestedTypes()) {
            if (nested instanceof MessageElement nestedMessage) {
                proto.addNestedType(message(nestedMessage));
            } else if (nested instanceof EnumElement nestedEnum) {
                proto.addEnumType(enumType(nestedEnum));
            }
        }
        proto.addAllNestedType(mapEntries);
        for (ReservedElement reserved : message.getReserveds()) {
            for (Object value : reserved.getValues()) {
                if (value instanceof String name) {
                    proto.addReservedName(name);
                } else {
                    int[] range = range(value);
                    proto.addReservedRangeBuilder().setStart(range[0]).setEnd(range[1] + 1);
                }
            }
        }
        for (ExtensionsElement extensions : message.getExtensions()) {
            for (Object value : extensions.getValues()) {
                int[] range = range(value);
                proto.addExtensionRangeBuilder().setStart(range[0]).setEnd(range[1] + 1);
            }
        }
        for (ExtendElement extend : message.getExtendDeclarations()) {
            for (FieldElement field : extend.getFields()) {
                proto.addExtension(field(field, null).setExtendee(extend.getName()));
            }
        }
        if (!BuiltInOptions.apply(message.getOptions(), proto.getOptionsBuilder())) {
            proto.clearOptions();
        }
        return proto.build();
    }

    private static String syntheticOneofName(String fieldName, MessageElement message) {
        // protoc's rule: '_' + field name, prefixed with more 'X's while it clashes with a declared name.
        String name = "_" + fieldName;
        while (clashes(name, message)) {
            name = "X" + name;
        }
        return name;
    }

    private static boolean clashes(String name, MessageElement message) {
        return message.getFields().stream().anyMatch(f -> f.getName().equals(name))
                || message.getOneOfs().stream().anyMatch(o -> o.getName().equals(name));
    }

    private static DescriptorProto mapEntry(String name, MapType map) {
        DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(name);
        entry.getOptionsBuilder().setMapEntry(true);
        entry.addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), map.keyType()));
        entry.addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL), map.valueType()));
        return entry.build();
    }

    private FieldDescriptorProto.Builder field(FieldElement field, Integer oneofIndex) {
        FieldDescriptorProto.Builder proto = FieldDescriptorProto.newBuilder()
                .setName(field.getName())
                .setNumber(field.getTag())
                .setLabel(label(field.getLabel()));
        typed(proto, field.getType());
        if (oneofIndex != null) {
            proto.setOneofIndex(oneofIndex);
        }
        if (field.getDefaultValue() != null) {
            proto.setDefaultValue(field.getDefaultValue());
        }
        if (field.getJsonName() != null) {
            proto.setJsonName(field.getJsonName());
        }
        if (!BuiltInOptions.apply(field.getOptions(), proto.getOptionsBuilder())) {
            proto.clearOptions();
        }
        return proto;
    }

    private static FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder proto, String type) {
        FieldDescriptorProto.Type scalar = ScalarTypes.of(type);
        if (scalar != null) {
            return proto.setType(scalar);
        }
        // Left without a type: protobuf-java tells message from enum when it resolves the name.
        return proto.setTypeName(type);
    }

    private static FieldDescriptorProto.Label label(Field.Label label) {
        if (label == null) {
            return FieldDescriptorProto.Label.LABEL_OPTIONAL;
        }
        return switch (label) {
            case REQUIRED -> FieldDescriptorProto.Label.LABEL_REQUIRED;
            case REPEATED -> FieldDescriptorProto.Label.LABEL_REPEATED;
            default -> FieldDescriptorProto.Label.LABEL_OPTIONAL;
        };
    }

    private static EnumDescriptorProto enumType(EnumElement enumType) {
        EnumDescriptorProto.Builder proto = EnumDescriptorProto.newBuilder().setName(enumType.getName());
        for (EnumConstantElement constant : enumType.getConstants()) {
            EnumValueDescriptorProto.Builder value = EnumValueDescriptorProto.newBuilder()
                    .setName(constant.getName()).setNumber(constant.getTag());
            if (!BuiltInOptions.apply(constant.getOptions(), value.getOptionsBuilder())) {
                value.clearOptions();
            }
            proto.addValue(value);
        }
        for (ReservedElement reserved : enumType.getReserveds()) {
            for (Object value : reserved.getValues()) {
                if (value instanceof String name) {
                    proto.addReservedName(name);
                } else {
                    int[] range = range(value);
                    proto.addReservedRangeBuilder().setStart(range[0]).setEnd(range[1]);
                }
            }
        }
        if (!BuiltInOptions.apply(enumType.getOptions(), proto.getOptionsBuilder())) {
            proto.clearOptions();
        }
        return proto.build();
    }

    private static ServiceDescriptorProto service(ServiceElement service) {
        ServiceDescriptorProto.Builder proto = ServiceDescriptorProto.newBuilder().setName(service.getName());
        for (RpcElement rpc : service.getRpcs()) {
            MethodDescriptorProto.Builder method = MethodDescriptorProto.newBuilder()
                    .setName(rpc.getName())
                    .setInputType(rpc.getRequestType())
                    .setOutputType(rpc.getResponseType());
            if (rpc.getRequestStreaming()) {
                method.setClientStreaming(true);
            }
            if (rpc.getResponseStreaming()) {
                method.setServerStreaming(true);
            }
            if (!BuiltInOptions.apply(rpc.getOptions(), method.getOptionsBuilder())) {
                method.clearOptions();
            }
            proto.addMethod(method);
        }
        if (!BuiltInOptions.apply(service.getOptions(), proto.getOptionsBuilder())) {
            proto.clearOptions();
        }
        return proto.build();
    }

    /** An inclusive {@code [start, end]} of a reserved or extensions value (a number or a range). */
    private static int[] range(Object value) {
        if (value instanceof Integer number) {
            return new int[] {number, number};
        }
        IntRange range = (IntRange) value;
        return new int[] {range.getStart(), range.getEndInclusive()};
    }
}
