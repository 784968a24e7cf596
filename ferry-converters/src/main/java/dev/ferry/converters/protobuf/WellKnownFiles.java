package dev.ferry.converters.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import dev.ferry.schema.protobuf.ProtobufMeta;
import java.util.Map;

/**
 * The {@code .proto} files a schema written by the converter may import without a registry reference, as
 * Confluent's converter writes them: {@code confluent/type/decimal.proto}, {@code confluent/meta.proto},
 * {@code google/type/date.proto}, {@code google/type/timeofday.proto} and protobuf-java's own
 * {@code google/protobuf/timestamp.proto} and {@code wrappers.proto}. The Confluent and Google ones are declared
 * here field by field (their generated classes are not on Maven Central under an Apache licence); Confluent's
 * {@code meta.proto} is the schema module's.
 */
final class WellKnownFiles {

    static final String DECIMAL_LOCATION = "confluent/type/decimal.proto";
    static final String META_LOCATION = "confluent/meta.proto";
    static final String DATE_LOCATION = "google/type/date.proto";
    static final String TIME_LOCATION = "google/type/timeofday.proto";
    static final String TIMESTAMP_LOCATION = "google/protobuf/timestamp.proto";
    static final String WRAPPERS_LOCATION = "google/protobuf/wrappers.proto";

    static final String DECIMAL_TYPE = "confluent.type.Decimal";
    static final String DATE_TYPE = "google.type.Date";
    static final String TIME_TYPE = "google.type.TimeOfDay";
    static final String TIMESTAMP_TYPE = "google.protobuf.Timestamp";

    static final FileDescriptor DECIMAL = build(file(DECIMAL_LOCATION, "confluent.type")
            .addMessageType(message("Decimal",
                    field("value", 1, Type.TYPE_BYTES),
                    field("precision", 2, Type.TYPE_UINT32),
                    field("scale", 3, Type.TYPE_INT32))));
    static final FileDescriptor DATE = build(file(DATE_LOCATION, "google.type")
            .addMessageType(message("Date",
                    field("year", 1, Type.TYPE_INT32),
                    field("month", 2, Type.TYPE_INT32),
                    field("day", 3, Type.TYPE_INT32))));
    static final FileDescriptor TIME_OF_DAY = build(file(TIME_LOCATION, "google.type")
            .addMessageType(message("TimeOfDay",
                    field("hours", 1, Type.TYPE_INT32),
                    field("minutes", 2, Type.TYPE_INT32),
                    field("seconds", 3, Type.TYPE_INT32),
                    field("nanos", 4, Type.TYPE_INT32))));
    /** The schema module's copy, so the option extensions it prints and parses are the ones used here. */
    static final FileDescriptor META = ProtobufMeta.file();
    static final FileDescriptor TIMESTAMP = TimestampProto.getDescriptor();
    static final FileDescriptor WRAPPERS = WrappersProto.getDescriptor();

    private static final Map<String, FileDescriptor> BY_LOCATION = Map.of(
            DECIMAL_LOCATION, DECIMAL, META_LOCATION, META, DATE_LOCATION, DATE, TIME_LOCATION, TIME_OF_DAY,
            TIMESTAMP_LOCATION, TIMESTAMP, WRAPPERS_LOCATION, WRAPPERS);

    private WellKnownFiles() {
    }

    /** The file at an import path, or null when it is not one of these. */
    static FileDescriptor at(String location) {
        return BY_LOCATION.get(location);
    }


    private static FileDescriptorProto.Builder file(String name, String pkg) {
        return FileDescriptorProto.newBuilder().setName(name).setPackage(pkg).setSyntax("proto3");
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto field : fields) {
            message.addField(field);
        }
        return message.build();
    }

    private static FieldDescriptorProto field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL).build();
    }


    private static FileDescriptor build(FileDescriptorProto.Builder proto) {
        try {
            return FileDescriptor.buildFrom(proto.build(), new FileDescriptor[0]);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("A built-in .proto file does not validate: " + proto.getName(), e);
        }
    }
}
