package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
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
import dev.ferry.schema.SchemaReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kotlin.ranges.IntRange;

/**
 * Confluent's normalised form of a Protobuf schema ({@code normalize=true}), so that texts that differ only in
 * order or in how they name types register as one schema: type names fully qualified with a leading dot, fields,
 * oneofs, enum constants, reserved and extension ranges sorted by number, options by name, imports and
 * references sorted, no {@code syntax = "proto2"} line, and a map field written as {@code map<K, V>} even when
 * the schema came from a descriptor. The order of messages is kept: message indexes depend on it.
 */
final class Normalizer {

    private final FileDescriptor file;
    private final OptionNormalizer optionNormalizer;

    private Normalizer(FileDescriptor file) {
        this.file = file;
        this.optionNormalizer = new OptionNormalizer(CustomOptions.resolver(file));
    }

    static ProtobufSchema normalize(ProtobufSchema schema) {
        ProtoFileElement element = new Normalizer(schema.fileDescriptor()).file(schema.element());
        List<SchemaReference> references = schema.references().stream()
                .sorted(Comparator.comparing(SchemaReference::name).thenComparing(SchemaReference::subject)
                        .thenComparingInt(SchemaReference::version))
                .distinct().toList();
        return new ProtobufSchema(element, schema.fileDescriptor(), references, schema.resolvedReferences(),
                ProtoPrinter.printNormalized(element));
    }

    private ProtoFileElement file(ProtoFileElement element) {
        List<TypeElement> types = new ArrayList<>();
        for (TypeElement type : element.getTypes()) {
            if (type instanceof MessageElement message) {
                Descriptor descriptor = file.findMessageTypeByName(message.getName());
                if (!descriptor.getOptions().getMapEntry()) {
                    types.add(message(message, descriptor));
                }
            } else if (type instanceof EnumElement enumType) {
                types.add(enumType(enumType));
            }
        }
        List<ServiceElement> services = element.getServices().stream().map(this::service).toList();
        return new ProtoFileElement(element.getLocation(), element.getPackageName(), element.getSyntax(),
                sortedDistinct(element.getImports()), sortedDistinct(element.getPublicImports()),
                sortedDistinct(element.getWeakImports()), types, services,
                extend(element.getExtendDeclarations(), file.getExtensions()), options(element.getOptions()));
    }

    private MessageElement message(MessageElement message, Descriptor descriptor) {
        List<FieldElement> fields = message.getFields().stream()
                .map(f -> field(f, descriptor.findFieldByNumber(f.getTag())))
                .sorted(Comparator.comparingInt(FieldElement::getTag)).toList();
        List<OneOfElement> oneOfs = message.getOneOfs().stream()
                .filter(o -> !o.getFields().isEmpty())
                .map(o -> new OneOfElement(o.getName(), "", o.getFields().stream()
                        .map(f -> field(f, descriptor.findFieldByNumber(f.getTag())))
                        .sorted(Comparator.comparingInt(FieldElement::getTag)).toList(),
                        o.getGroups(), options(o.getOptions()), o.getLocation()))
                .sorted(Comparator.comparingInt(o -> o.getFields().get(0).getTag()))
                .toList();
        List<TypeElement> nested = new ArrayList<>();
        for (TypeElement type : message.getNestedTypes()) {
            if (type instanceof MessageElement nestedMessage) {
                Descriptor nestedDescriptor = descriptor.findNestedTypeByName(nestedMessage.getName());
                if (!nestedDescriptor.getOptions().getMapEntry()) {
                    nested.add(message(nestedMessage, nestedDescriptor));
                }
            } else if (type instanceof EnumElement enumType) {
                nested.add(enumType(enumType));
            }
        }
        List<ExtensionsElement> extensions = new ArrayList<>();
        for (ExtensionsElement range : message.getExtensions()) {
            range.getValues().forEach(v -> extensions.add(
                    new ExtensionsElement(range.getLocation(), "", List.of(single(v)), options(range.getOptions()))));
        }
        extensions.sort(Comparator.comparingInt(e -> start(e.getValues().get(0))));
        return new MessageElement(message.getLocation(), message.getName(), "", nested, options(message.getOptions()),
                reserved(message.getReserveds()), fields, oneOfs, extensions, message.getGroups(),
                extend(message.getExtendDeclarations(), descriptor.getExtensions()));
    }

    private FieldElement field(FieldElement field, FieldDescriptor descriptor) {
        String type = field.getType();
        var label = field.getLabel();
        if (descriptor != null && descriptor.isMapField()) {
            Descriptor entry = descriptor.getMessageType();
            type = "map<" + typeName(entry.findFieldByNumber(1)) + ", " + typeName(entry.findFieldByNumber(2)) + ">";
            label = null;
        } else if (descriptor != null && !ScalarTypes.isScalar(type)) {
            type = typeName(descriptor);
        }
        return new FieldElement(field.getLocation(), label, type, field.getName(), field.getDefaultValue(),
                field.getJsonName(), field.getTag(), "", options(field.getOptions()));
    }

    private static String typeName(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case MESSAGE -> "." + field.getMessageType().getFullName();
            case ENUM -> "." + field.getEnumType().getFullName();
            default -> ScalarTypes.keyword(field.toProto().getType());
        };
    }

    /** The extend blocks grouped by the full name of the type they extend, fields by number, as Confluent's. */
    private List<ExtendElement> extend(List<ExtendElement> declarations, List<FieldDescriptor> extensions) {
        Map<String, List<FieldElement>> byExtendee = new LinkedHashMap<>();
        Map<String, com.squareup.wire.schema.Location> locations = new LinkedHashMap<>();
        for (ExtendElement extend : declarations) {
            for (FieldElement field : extend.getFields()) {
                FieldDescriptor descriptor = extensions.stream().filter(e -> e.getNumber() == field.getTag()
                        && e.getName().equals(field.getName())).findFirst().orElse(null);
                String extendee = descriptor == null ? extend.getName()
                        : "." + descriptor.getContainingType().getFullName();
                byExtendee.computeIfAbsent(extendee, k -> new ArrayList<>()).add(field(field, descriptor));
                locations.putIfAbsent(extendee, extend.getLocation());
            }
        }
        List<ExtendElement> result = new ArrayList<>();
        byExtendee.forEach((extendee, fields) -> {
            fields.sort(Comparator.comparingInt(FieldElement::getTag));
            result.add(new ExtendElement(locations.get(extendee), extendee, "", fields));
        });
        return result;
    }

    private EnumElement enumType(EnumElement enumType) {
        List<EnumConstantElement> constants = enumType.getConstants().stream()
                .map(c -> new EnumConstantElement(c.getLocation(), c.getName(), c.getTag(), "", options(c.getOptions())))
                .sorted(Comparator.comparingInt(EnumConstantElement::getTag).thenComparing(EnumConstantElement::getName))
                .toList();
        return new EnumElement(enumType.getLocation(), enumType.getName(), "", options(enumType.getOptions()), constants,
                reserved(enumType.getReserveds()));
    }

    private ServiceElement service(ServiceElement service) {
        ServiceDescriptor descriptor = file.findServiceByName(service.getName());
        List<RpcElement> rpcs = new ArrayList<>();
        for (RpcElement rpc : service.getRpcs()) {
            MethodDescriptor method = descriptor.findMethodByName(rpc.getName());
            rpcs.add(new RpcElement(rpc.getLocation(), rpc.getName(), "", "." + method.getInputType().getFullName(),
                    "." + method.getOutputType().getFullName(), rpc.getRequestStreaming(), rpc.getResponseStreaming(),
                    options(rpc.getOptions())));
        }
        return new ServiceElement(service.getLocation(), service.getName(), "", rpcs, options(service.getOptions()));
    }

    /** Each reserved value on its own, numbers first by start, then names. */
    private static List<ReservedElement> reserved(List<ReservedElement> reserveds) {
        List<ReservedElement> split = new ArrayList<>();
        for (ReservedElement reserved : reserveds) {
            reserved.getValues().forEach(v -> split.add(new ReservedElement(reserved.getLocation(), "", List.of(single(v)))));
        }
        split.sort(Comparator.comparingInt((ReservedElement r) -> start(r.getValues().get(0)))
                .thenComparing(r -> r.getValues().get(0).toString()));
        return split;
    }

    private static Object single(Object value) {
        return value instanceof IntRange range && range.getStart().equals(range.getEndInclusive()) ? range.getStart() : value;
    }

    private static int start(Object value) {
        if (value instanceof IntRange range) {
            return range.getStart();
        }
        return value instanceof Integer number ? number : Integer.MAX_VALUE;
    }

    private List<OptionElement> options(List<OptionElement> options) {
        return optionNormalizer.normalize(options);
    }

    private static List<String> sortedDistinct(List<String> values) {
        return values.stream().sorted().distinct().toList();
    }

}
