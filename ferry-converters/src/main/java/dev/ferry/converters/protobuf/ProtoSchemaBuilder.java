package dev.ferry.converters.protobuf;

import static dev.ferry.converters.protobuf.ProtoNames.CONNECT_PRECISION;
import static dev.ferry.converters.protobuf.ProtoNames.CONNECT_TYPE;
import static dev.ferry.converters.protobuf.ProtoNames.ENUM;
import static dev.ferry.converters.protobuf.ProtoNames.PROTO_TYPE;
import static dev.ferry.converters.protobuf.ProtoNames.TAG;
import static dev.ferry.converters.protobuf.ProtoNames.UNION_PREFIX;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.ferry.converters.Sentences;
import dev.ferry.schema.protobuf.ProtobufMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Builds the proto3 file of a Connect schema the way Confluent's converter lays it out: a struct becomes a
 * top-level message named after the schema (package = the name's namespace, {@code ConnectDefault1} when
 * unnamed), nested structs and map entries nested messages, arrays repeated fields, optional fields plain proto3
 * fields (or {@code optional} / wrapper messages per config), INT8/INT16 {@code int32} with a
 * {@code connect.type} field option, and the logical types Confluent's and Google's common messages. A top-level
 * primitive becomes its {@code google.protobuf} wrapper. One instance per schema; not thread-safe.
 */
final class ProtoSchemaBuilder {

    private static final String FILE_NAME = "connect.proto";

    private final ProtobufDataConfig config;
    private final Set<String> imports = new LinkedHashSet<>();
    private int defaultNames;

    private ProtoSchemaBuilder(ProtobufDataConfig config) {
        this.config = config;
    }

    static ProtoMessageType build(Schema schema, ProtobufDataConfig config) {
        return new ProtoSchemaBuilder(config).root(schema);
    }

    private ProtoMessageType root(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            String wrapper = rootWrapper(schema);
            return new ProtoMessageType(WellKnownFiles.WRAPPERS, WellKnownFiles.WRAPPERS.findMessageTypeByName(wrapper));
        }
        String fullName = nameOrDefault(schema.name());
        int dot = fullName.lastIndexOf('.');
        String pkg = dot < 0 ? null : scrubPath(fullName.substring(0, dot));
        String name = scrub(fullName.substring(dot + 1));
        String scope = pkg == null ? "." + name : "." + pkg + "." + name;
        DescriptorProto message = message(name, scope, schema);
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(FILE_NAME).setSyntax("proto3");
        if (pkg != null) {
            file.setPackage(pkg);
        }
        file.addAllDependency(imports).addMessageType(message);
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String location : imports) {
            dependencies.add(WellKnownFiles.at(location));
        }
        try {
            FileDescriptor built = FileDescriptor.buildFrom(file.build(), dependencies.toArray(new FileDescriptor[0]));
            return new ProtoMessageType(built, built.getMessageTypes().get(0));
        } catch (DescriptorValidationException e) {
            throw new DataException("Connect schema " + schema.name() + " does not map to a valid Protobuf schema: "
                    + Sentences.end(e.getMessage()) + " Rename the offending fields or set scrub.invalid.names=true.", e);
        }
    }

    private static String rootWrapper(Schema schema) {
        return switch (schema.type()) {
            case INT8, INT16, INT32 -> "Int32Value";
            case INT64 -> "Int64Value";
            case FLOAT32 -> "FloatValue";
            case FLOAT64 -> "DoubleValue";
            case BOOLEAN -> "BoolValue";
            case STRING -> "StringValue";
            case BYTES -> "BytesValue";
            default -> throw new DataException("A Connect " + schema.type() + " cannot be the top level of a "
                    + "Protobuf record: only structs and primitives can. Wrap it in a struct (an SMT such as "
                    + "HoistField does that).");
        };
    }

    private DescriptorProto message(String name, String scope, Schema struct) {
        MessageParts parts = new MessageParts(name);
        int index = 1;
        for (Field field : struct.fields()) {
            Schema fieldSchema = field.schema();
            String tag = param(fieldSchema, TAG);
            int number = tag != null ? Integer.parseInt(tag) : index++;
            if (isUnion(fieldSchema)) {
                oneof(parts, scope, fieldSchema);
                continue;
            }
            FieldDescriptorProto.Builder built = field(parts, scope, fieldSchema, scrub(field.name()), number, false);
            if (config.optionalForNullables() && fieldSchema.isOptional() && !isRepeated(fieldSchema)) {
                built.setProto3Optional(true);
            }
            parts.fields.add(built);
        }
        return parts.build();
    }

    private void oneof(MessageParts parts, String scope, Schema union) {
        String unionName = unqualified(union.name().substring(UNION_PREFIX.length()));
        int oneofIndex = parts.oneofs.size();
        parts.oneofs.add(unionName);
        for (Field member : union.fields()) {
            String tag = param(member.schema(), TAG);
            FieldDescriptorProto.Builder built = field(parts, scope, member.schema(), scrub(member.name()),
                    tag != null ? Integer.parseInt(tag) : 0, true);
            parts.fields.add(built.setOneofIndex(oneofIndex));
        }
    }

    private FieldDescriptorProto.Builder field(MessageParts parts, String scope, Schema schema, String name,
            int number, boolean oneofMember) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number);
        Schema element = schema;
        if (schema.type() == Schema.Type.ARRAY) {
            element = schema.valueSchema();
            if (element.type() == Schema.Type.ARRAY) {
                throw new DataException("Field " + name + " is an array of arrays, which Protobuf cannot hold: "
                        + "wrap the inner array in a struct.");
            }
        }
        field.setLabel(isRepeated(schema) ? Label.LABEL_REPEATED : Label.LABEL_OPTIONAL);
        Map<String, String> meta = new LinkedHashMap<>();
        type(parts, scope, element, name, oneofMember, field, meta);
        if (!meta.isEmpty()) {
            imports.add(WellKnownFiles.META_LOCATION);
            field.setOptions(new ProtobufMeta("", meta, List.of()).fieldOptions());
        }
        return field;
    }

    private void type(MessageParts parts, String scope, Schema schema, String fieldName, boolean oneofMember,
            FieldDescriptorProto.Builder field, Map<String, String> meta) {
        String logical = schema.name();
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            copy(schema, CONNECT_PRECISION, meta, ProtoNames.PRECISION);
            copy(schema, Decimal.SCALE_FIELD, meta, ProtoNames.SCALE);
            message(field, WellKnownFiles.DECIMAL_LOCATION, WellKnownFiles.DECIMAL_TYPE);
            return;
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            message(field, WellKnownFiles.DATE_LOCATION, WellKnownFiles.DATE_TYPE);
            return;
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            message(field, WellKnownFiles.TIME_LOCATION, WellKnownFiles.TIME_TYPE);
            return;
        }
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            message(field, WellKnownFiles.TIMESTAMP_LOCATION, WellKnownFiles.TIMESTAMP_TYPE);
            return;
        }
        boolean wrap = config.wrapperForNullables() && schema.isOptional()
                && (!oneofMember || "true".equals(param(schema, ProtoNames.WRAPPER)));
        switch (schema.type()) {
            case INT8, INT16 -> {
                meta.put(CONNECT_TYPE, schema.type().getName());
                scalar(field, wrap, "Int32Value", Type.TYPE_INT32);
            }
            case INT32 -> {
                if (param(schema, ENUM) != null) {
                    enumType(parts, scope, schema, field);
                } else {
                    scalar(field, wrap, "Int32Value", declared(schema, Type.TYPE_INT32));
                }
            }
            case INT64 -> {
                Type type = declared(schema, Type.TYPE_INT64);
                String wrapper = switch (type) {
                    case TYPE_UINT32, TYPE_FIXED32 -> "UInt32Value";
                    case TYPE_UINT64, TYPE_FIXED64 -> "UInt64Value";
                    default -> "Int64Value";
                };
                scalar(field, wrap, wrapper, type);
            }
            case FLOAT32 -> scalar(field, wrap, "FloatValue", Type.TYPE_FLOAT);
            case FLOAT64 -> scalar(field, wrap, "DoubleValue", Type.TYPE_DOUBLE);
            case BOOLEAN -> scalar(field, wrap, "BoolValue", Type.TYPE_BOOL);
            case BYTES -> scalar(field, wrap, "BytesValue", Type.TYPE_BYTES);
            case STRING -> {
                if (param(schema, ENUM) != null) {
                    enumType(parts, scope, schema, field);
                } else {
                    scalar(field, wrap, "StringValue", Type.TYPE_STRING);
                }
            }
            case MAP -> {
                String entry = ProtoNames.toMapEntry(unqualified(schema.name()));
                String entryScope = scope + "." + entry;
                MessageParts entryParts = new MessageParts(entry);
                entryParts.fields.add(field(entryParts, entryScope, schema.keySchema(), ProtoNames.KEY, 1, false));
                entryParts.fields.add(field(entryParts, entryScope, schema.valueSchema(), ProtoNames.VALUE, 2, false));
                parts.nested.add(entryParts.build());
                field.setType(Type.TYPE_MESSAGE).setTypeName(entryScope);
            }
            case STRUCT -> {
                String name = unqualified(schema.name());
                if (name.equals(fieldName)) {
                    // a message type and a field of the same name would clash in the generated code
                    name += "Message";
                }
                String nestedScope = scope + "." + name;
                if (!name.equals(parts.name) && parts.nestedNames.add(name)) {
                    parts.nested.add(message(name, nestedScope, schema));
                } else if (name.equals(parts.name)) {
                    nestedScope = scope;
                }
                field.setType(Type.TYPE_MESSAGE).setTypeName(nestedScope);
            }
            default -> throw new DataException("Unknown Connect schema type " + schema.type());
        }
    }

    private void scalar(FieldDescriptorProto.Builder field, boolean wrap, String wrapper, Type type) {
        if (wrap) {
            message(field, WellKnownFiles.WRAPPERS_LOCATION, "google.protobuf." + wrapper);
        } else {
            field.setType(type);
        }
    }

    private void message(FieldDescriptorProto.Builder field, String location, String type) {
        imports.add(location);
        field.setType(Type.TYPE_MESSAGE).setTypeName("." + type);
    }

    private void enumType(MessageParts parts, String scope, Schema schema, FieldDescriptorProto.Builder field) {
        String name = unqualified(schema.name());
        if (parts.enumNames.add(name)) {
            EnumDescriptorProto.Builder enumType = EnumDescriptorProto.newBuilder().setName(name);
            String prefix = ENUM + ".";
            for (Map.Entry<String, String> param : schema.parameters().entrySet()) {
                if (param.getKey().startsWith(prefix)) {
                    enumType.addValue(EnumValueDescriptorProto.newBuilder()
                            .setName(param.getKey().substring(prefix.length()))
                            .setNumber(Integer.parseInt(param.getValue())));
                }
            }
            parts.enums.add(enumType.build());
        }
        field.setType(Type.TYPE_ENUM).setTypeName(scope + "." + name);
    }

    private static Type declared(Schema schema, Type fallback) {
        String declared = param(schema, PROTO_TYPE);
        return declared == null ? fallback : Type.valueOf("TYPE_" + declared.toUpperCase(Locale.ROOT));
    }

    private static void copy(Schema schema, String from, Map<String, String> meta, String to) {
        String value = param(schema, from);
        if (value != null) {
            meta.put(to, value);
        }
    }

    static String param(Schema schema, String name) {
        return schema.parameters() == null ? null : schema.parameters().get(name);
    }

    static boolean isUnion(Schema schema) {
        return schema.type() == Schema.Type.STRUCT && schema.name() != null && schema.name().startsWith(UNION_PREFIX);
    }

    private static boolean isRepeated(Schema schema) {
        return schema.type() == Schema.Type.ARRAY || schema.type() == Schema.Type.MAP;
    }

    private String nameOrDefault(String name) {
        return name == null || name.isEmpty() ? ProtoNames.DEFAULT_NAME + (++defaultNames) : name;
    }

    private String unqualified(String name) {
        String full = nameOrDefault(name);
        return scrub(full.substring(full.lastIndexOf('.') + 1));
    }

    private String scrub(String name) {
        return config.scrubInvalidNames() ? ProtoNames.scrub(name) : name;
    }

    private String scrubPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("\\.")) {
            parts.add(scrub(part));
        }
        return String.join(".", parts);
    }


    /** A message being built; its real oneofs are declared before the synthetic ones of proto3 optionals. */
    private static final class MessageParts {
        final String name;
        final List<FieldDescriptorProto.Builder> fields = new ArrayList<>();
        final List<String> oneofs = new ArrayList<>();
        final List<DescriptorProto> nested = new ArrayList<>();
        final List<EnumDescriptorProto> enums = new ArrayList<>();
        final Set<String> nestedNames = new HashSet<>();
        final Set<String> enumNames = new HashSet<>();

        MessageParts(String name) {
            this.name = name;
        }

        DescriptorProto build() {
            DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
            oneofs.forEach(oneof -> message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(oneof)));
            for (FieldDescriptorProto.Builder field : fields) {
                if (field.getProto3Optional()) {
                    // protobuf-java wants synthetic oneofs after the real ones
                    field.setOneofIndex(message.getOneofDeclCount());
                    message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + field.getName()));
                }
                message.addField(field);
            }
            return message.addAllNestedType(nested).addAllEnumType(enums).build();
        }
    }
}
