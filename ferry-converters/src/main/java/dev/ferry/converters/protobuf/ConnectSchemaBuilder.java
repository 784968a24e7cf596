package dev.ferry.converters.protobuf;

import static dev.ferry.converters.protobuf.ProtoNames.CONNECT_PRECISION;
import static dev.ferry.converters.protobuf.ProtoNames.CONNECT_TYPE;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.ferry.schema.protobuf.ProtobufMeta;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Connect schema of a Protobuf message, as Confluent's converter derives it: fields keep their numbers in an
 * {@code io.confluent.connect.protobuf.Tag} parameter, oneofs become optional structs named
 * {@code io.confluent.connect.protobuf.Union.<name>}, enums strings (or INT32) with their symbols as parameters,
 * map entry messages maps, wrapper messages optional primitives, the common date/time/decimal messages Connect's
 * logical types. One instance per conversion; not thread-safe.
 */
final class ConnectSchemaBuilder {

    private final ProtobufDataConfig config;
    private final Set<String> inProgress = new HashSet<>();

    private ConnectSchemaBuilder(ProtobufDataConfig config) {
        this.config = config;
    }

    static Schema build(Descriptor message, Integer version, ProtobufDataConfig config) {
        ConnectSchemaBuilder builder = new ConnectSchemaBuilder(config);
        SchemaBuilder schema = config.wrapperForRawPrimitives() ? unwrapped(message) : null;
        if (schema == null) {
            schema = builder.struct(message);
        }
        if (version != null) {
            schema.version(version);
        }
        return schema.build();
    }

    private SchemaBuilder struct(Descriptor message) {
        if (!inProgress.add(message.getFullName())) {
            throw new DataException("Protobuf message " + message.getFullName() + " contains itself, which a Connect "
                    + "schema cannot express. Use a non-recursive message type.");
        }
        SchemaBuilder struct = SchemaBuilder.struct().name(config.enhancedSchemaSupport()
                ? message.getFullName() : message.getName());
        for (OneofDescriptor oneof : message.getRealOneofs()) {
            if (config.flattenUnions()) {
                for (FieldDescriptor member : oneof.getFields()) {
                    struct.field(member.getName(), field(member, true));
                }
            } else {
                struct.field(unionFieldName(oneof, config), union(oneof));
            }
        }
        for (FieldDescriptor field : message.getFields()) {
            if (field.getRealContainingOneof() == null) {
                struct.field(field.getName(), field(field, false));
            }
        }
        inProgress.remove(message.getFullName());
        return struct;
    }

    static String unionFieldName(OneofDescriptor oneof, ProtobufDataConfig config) {
        return config.generateIndexForUnions() ? oneof.getName() + "_" + oneof.getIndex() : oneof.getName();
    }

    private Schema union(OneofDescriptor oneof) {
        SchemaBuilder union = SchemaBuilder.struct().name(ProtoNames.UNION_PREFIX
                + (config.enhancedSchemaSupport() ? oneof.getFullName() : oneof.getName()));
        for (FieldDescriptor member : oneof.getFields()) {
            union.field(member.getName(), field(member, true));
        }
        return union.optional().build();
    }

    private Schema field(FieldDescriptor field, boolean oneofMember) {
        SchemaBuilder builder = switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> int32(field);
            case UINT32, FIXED32, INT64, UINT64, SINT64, FIXED64, SFIXED64 -> declared(SchemaBuilder.int64(), field,
                    FieldDescriptor.Type.INT64);
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOL -> SchemaBuilder.bool();
            case STRING -> SchemaBuilder.string();
            case BYTES -> SchemaBuilder.bytes();
            case ENUM -> enumSchema(field.getEnumType()).optional();
            case MESSAGE -> message(field).optional();
            case GROUP -> throw new DataException("Protobuf field " + field.getFullName() + " is a proto2 group, "
                    + "which has no Connect mapping.");
        };
        if (field.isRepeated() && builder.type() != Schema.Type.MAP) {
            builder = SchemaBuilder.array(builder.optional().build()).optional();
        }
        if (oneofMember) {
            builder.optional();
            if (config.wrapperForNullables() && field.getType() == FieldDescriptor.Type.MESSAGE
                    && unwrapped(field.getMessageType()) != null) {
                builder.parameter(ProtoNames.WRAPPER, "true");
            }
        } else if (config.optionalForNullables()) {
            if (hasOptionalKeyword(field)) {
                builder.optional();
            }
        } else if (!config.wrapperForNullables()) {
            builder.optional();
        }
        builder.parameter(ProtoNames.TAG, String.valueOf(field.getNumber()));
        return builder.build();
    }

    private static boolean hasOptionalKeyword(FieldDescriptor field) {
        if (field.toProto().getProto3Optional()) {
            return true;
        }
        String syntax = field.getFile().toProto().getSyntax();
        boolean proto2 = syntax.isEmpty() || syntax.equals("proto2");
        return proto2 && field.isOptional() && field.getContainingOneof() == null;
    }

    private static SchemaBuilder int32(FieldDescriptor field) {
        String connectType = ProtobufMeta.of(field).params().get(CONNECT_TYPE);
        if (Schema.Type.INT8.getName().equals(connectType)) {
            return SchemaBuilder.int8();
        }
        if (Schema.Type.INT16.getName().equals(connectType)) {
            return SchemaBuilder.int16();
        }
        return declared(SchemaBuilder.int32(), field, FieldDescriptor.Type.INT32);
    }

    private static SchemaBuilder declared(SchemaBuilder builder, FieldDescriptor field, FieldDescriptor.Type plain) {
        if (field.getType() != plain) {
            builder.parameter(ProtoNames.PROTO_TYPE, field.getType().name().toLowerCase(Locale.ROOT));
        }
        return builder;
    }

    private SchemaBuilder enumSchema(EnumDescriptor enumType) {
        SchemaBuilder builder = config.intForEnums() ? SchemaBuilder.int32() : SchemaBuilder.string();
        builder.name(config.enhancedSchemaSupport() ? enumType.getFullName() : enumType.getName());
        builder.parameter(ProtoNames.ENUM, enumType.getName());
        for (EnumValueDescriptor value : enumType.getValues()) {
            builder.parameter(ProtoNames.ENUM + "." + value.getName(), String.valueOf(value.getNumber()));
        }
        return builder;
    }

    private SchemaBuilder message(FieldDescriptor field) {
        Descriptor type = field.getMessageType();
        switch (type.getFullName()) {
            case WellKnownFiles.DECIMAL_TYPE:
                return decimal(field);
            case WellKnownFiles.DATE_TYPE:
                return Date.builder();
            case WellKnownFiles.TIME_TYPE:
                return Time.builder();
            case WellKnownFiles.TIMESTAMP_TYPE:
                return Timestamp.builder();
            default:
                break;
        }
        if (config.wrapperForNullables()) {
            SchemaBuilder primitive = unwrapped(type);
            if (primitive != null) {
                return primitive;
            }
        }
        if (isMapEntry(field)) {
            List<FieldDescriptor> entry = type.getFields();
            String name = ProtoNames.toMapField(config.enhancedSchemaSupport() ? type.getFullName() : type.getName());
            return SchemaBuilder.map(field(entry.get(0), false), field(entry.get(1), false)).name(name);
        }
        return struct(type);
    }

    private static SchemaBuilder decimal(FieldDescriptor field) {
        Map<String, String> params = ProtobufMeta.of(field).params();
        int scale = parseOr(params.get(ProtoNames.SCALE), 0);
        SchemaBuilder decimal = Decimal.builder(scale);
        String precision = params.get(ProtoNames.PRECISION);
        if (precision != null && parseOr(precision, -1) >= 0) {
            decimal.parameter(CONNECT_PRECISION, precision);
        }
        return decimal;
    }

    private static int parseOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static boolean isMapEntry(FieldDescriptor field) {
        if (!field.isRepeated() || field.getType() != FieldDescriptor.Type.MESSAGE) {
            return false;
        }
        Descriptor type = field.getMessageType();
        List<FieldDescriptor> fields = type.getFields();
        return type.getName().endsWith(ProtoNames.MAP_ENTRY_SUFFIX) && fields.size() == 2
                && fields.get(0).getName().equals(ProtoNames.KEY) && fields.get(1).getName().equals(ProtoNames.VALUE)
                && !fields.get(0).isRepeated() && !fields.get(1).isRepeated();
    }

    /** The primitive a {@code google.protobuf} wrapper message holds, or null for any other message. */
    static SchemaBuilder unwrapped(Descriptor message) {
        return switch (message.getFullName()) {
            case "google.protobuf.DoubleValue" -> SchemaBuilder.float64();
            case "google.protobuf.FloatValue" -> SchemaBuilder.float32();
            case "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.UInt32Value" ->
                    SchemaBuilder.int64();
            case "google.protobuf.Int32Value" -> SchemaBuilder.int32();
            case "google.protobuf.BoolValue" -> SchemaBuilder.bool();
            case "google.protobuf.StringValue" -> SchemaBuilder.string();
            case "google.protobuf.BytesValue" -> SchemaBuilder.bytes();
            default -> null;
        };
    }
}
