package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Message;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.ExtensionsElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import com.squareup.wire.schema.internal.parser.RpcElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kotlin.ranges.IntRange;

/**
 * Turns a {@code FileDescriptorProto} (the serialized form a client sent, or a compiled class's descriptor) into
 * Wire's syntax tree, the way Confluent's registry does, so the canonical text is the one it would hold: type
 * names stay as the descriptor spells them (fully qualified, with the leading dot), a map field stays a
 * {@code repeated} field of its {@code map_entry} message, which stays a nested message, and comments are gone.
 * Custom options set as extensions (Confluent's meta, or any extension the parsing registry knew) become
 * parenthesized options; unknown ones are dropped.
 */
final class DescriptorToElement {

    private static final Location LOCATION = Location.get("");
    private static final String PROTO3 = "proto3";

    private final boolean proto3;

    private DescriptorToElement(boolean proto3) {
        this.proto3 = proto3;
    }

    static ProtoFileElement convert(FileDescriptorProto file) {
        return new DescriptorToElement(PROTO3.equals(file.getSyntax())).file(file);
    }

    private ProtoFileElement file(FileDescriptorProto file) {
        Syntax syntax = switch (file.getSyntax()) {
            case PROTO3 -> Syntax.PROTO_3;
            case "proto2" -> Syntax.PROTO_2;
            default -> null;
        };
        List<String> imports = new ArrayList<>();
        List<String> publicImports = new ArrayList<>();
        List<String> weakImports = new ArrayList<>();
        for (int i = 0; i < file.getDependencyCount(); i++) {
            if (file.getPublicDependencyList().contains(i)) {
                publicImports.add(file.getDependency(i));
            } else if (file.getWeakDependencyList().contains(i)) {
                weakImports.add(file.getDependency(i));
            } else {
                imports.add(file.getDependency(i));
            }
        }
        List<TypeElement> types = new ArrayList<>();
        file.getMessageTypeList().forEach(m -> types.add(message(m)));
        file.getEnumTypeList().forEach(e -> types.add(enumType(e)));
        List<ServiceElement> services = file.getServiceList().stream().map(DescriptorToElement::service).toList();
        return new ProtoFileElement(LOCATION, file.getPackage().isEmpty() ? null : file.getPackage(), syntax,
                imports, publicImports, weakImports, types, services, extend(file.getExtensionList()),
                options(file.getOptions()));
    }

    private MessageElement message(DescriptorProto message) {
        List<FieldElement> fields = new ArrayList<>();
        Map<Integer, List<FieldElement>> oneofFields = new LinkedHashMap<>();
        for (int i = 0; i < message.getOneofDeclCount(); i++) {
            oneofFields.put(i, new ArrayList<>());
        }
        for (FieldDescriptorProto field : message.getFieldList()) {
            if (field.hasOneofIndex() && !field.getProto3Optional()) {
                oneofFields.get(field.getOneofIndex()).add(field(field, true));
            } else {
                fields.add(field(field, false));
            }
        }
        List<OneOfElement> oneOfs = new ArrayList<>();
        oneofFields.forEach((index, members) -> {
            if (!members.isEmpty()) {
                var decl = message.getOneofDecl(index);
                oneOfs.add(new OneOfElement(decl.getName(), "", members, List.of(), options(decl.getOptions()),
                        LOCATION));
            }
        });
        List<TypeElement> nested = new ArrayList<>();
        message.getNestedTypeList().forEach(m -> nested.add(message(m)));
        message.getEnumTypeList().forEach(e -> nested.add(enumType(e)));
        List<ReservedElement> reserved = new ArrayList<>();
        message.getReservedRangeList().forEach(r -> reserved.add(reserved(r.getStart(), r.getEnd() - 1)));
        message.getReservedNameList().forEach(n -> reserved.add(new ReservedElement(LOCATION, "", List.of(n))));
        List<ExtensionsElement> extensions = new ArrayList<>();
        message.getExtensionRangeList().forEach(r -> extensions.add(
                new ExtensionsElement(LOCATION, "", List.of(value(r.getStart(), r.getEnd() - 1)), List.of())));
        return new MessageElement(LOCATION, message.getName(), "", nested, options(message.getOptions()),
                reserved, fields, oneOfs, extensions, List.of(), extend(message.getExtensionList()));
    }

    private FieldElement field(FieldDescriptorProto field, boolean inOneof) {
        String type = field.hasTypeName() ? field.getTypeName() : ScalarTypes.keyword(field.getType());
        String defaultValue = !proto3 && field.hasDefaultValue() ? field.getDefaultValue() : null;
        String jsonName = field.hasJsonName() ? field.getJsonName() : null;
        return new FieldElement(LOCATION, inOneof ? null : label(field), type, field.getName(), defaultValue, jsonName,
                field.getNumber(), "", options(field.getOptions()));
    }

    private Field.Label label(FieldDescriptorProto field) {
        if (field.getProto3Optional()) {
            return Field.Label.OPTIONAL;
        }
        return switch (field.getLabel()) {
            case LABEL_REPEATED -> Field.Label.REPEATED;
            case LABEL_REQUIRED -> proto3 ? null : Field.Label.REQUIRED;
            default -> proto3 ? null : Field.Label.OPTIONAL;
        };
    }

    private List<ExtendElement> extend(List<FieldDescriptorProto> extensions) {
        Map<String, List<FieldElement>> byExtendee = new LinkedHashMap<>();
        for (FieldDescriptorProto field : extensions) {
            byExtendee.computeIfAbsent(field.getExtendee(), k -> new ArrayList<>()).add(field(field, false));
        }
        List<ExtendElement> elements = new ArrayList<>();
        byExtendee.forEach((extendee, fields) -> elements.add(new ExtendElement(LOCATION, extendee, "", fields)));
        return elements;
    }

    private static EnumElement enumType(EnumDescriptorProto enumType) {
        List<EnumConstantElement> constants = new ArrayList<>();
        for (EnumValueDescriptorProto value : enumType.getValueList()) {
            constants.add(new EnumConstantElement(LOCATION, value.getName(), value.getNumber(), "",
                    options(value.getOptions())));
        }
        List<ReservedElement> reserved = new ArrayList<>();
        enumType.getReservedRangeList().forEach(r -> reserved.add(reserved(r.getStart(), r.getEnd())));
        enumType.getReservedNameList().forEach(n -> reserved.add(new ReservedElement(LOCATION, "", List.of(n))));
        return new EnumElement(LOCATION, enumType.getName(), "", options(enumType.getOptions()), constants,
                reserved);
    }

    private static ServiceElement service(ServiceDescriptorProto service) {
        List<RpcElement> rpcs = new ArrayList<>();
        for (MethodDescriptorProto method : service.getMethodList()) {
            rpcs.add(new RpcElement(LOCATION, method.getName(), "", method.getInputType(), method.getOutputType(),
                    method.getClientStreaming(), method.getServerStreaming(), options(method.getOptions())));
        }
        return new ServiceElement(LOCATION, service.getName(), "", rpcs, options(service.getOptions()));
    }

    private static ReservedElement reserved(int first, int last) {
        return new ReservedElement(LOCATION, "", List.of(value(first, last)));
    }

    private static Object value(int first, int last) {
        return first == last ? (Object) first : new IntRange(first, last);
    }

    private static List<OptionElement> options(Message options) {
        List<OptionElement> all = new ArrayList<>(BuiltInOptions.read(options));
        all.addAll(CustomOptions.read(options));
        return all;
    }
}
