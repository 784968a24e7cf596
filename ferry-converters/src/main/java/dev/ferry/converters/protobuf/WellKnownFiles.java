package dev.ferry.converters.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import java.util.Map;

/**
 * The {@code .proto} files a schema written by the converter may import without a registry reference, as
 * Confluent's converter writes them: {@code confluent/type/decimal.proto}, {@code confluent/meta.proto},
 * {@code google/type/date.proto}, {@code google/type/timeofday.proto} and protobuf-java's own
 * {@code google/protobuf/timestamp.proto} and {@code wrappers.proto}. The Confluent and Google ones are declared
 * here field by field (their generated classes are not on Maven Central under an Apache licence).
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

    /** The field number of Confluent's {@code confluent.field_meta} option extension. */
    static final int FIELD_META_NUMBER = 1088;

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
    static final FileDescriptor META = build(metaFile(), DescriptorProtos.getDescriptor());
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

    private static FileDescriptorProto metaFile() {
        DescriptorProto entry = message("ParamsEntry", field("key", 1, Type.TYPE_STRING),
                field("value", 2, Type.TYPE_STRING)).toBuilder()
                .setOptions(MessageOptions.newBuilder().setMapEntry(true)).build();
        DescriptorProto meta = message("Meta", field("doc", 1, Type.TYPE_STRING))
                .toBuilder()
                .addField(field("params", 2, Type.TYPE_MESSAGE).toBuilder()
                        .setLabel(Label.LABEL_REPEATED).setTypeName(".confluent.Meta.ParamsEntry"))
                .addField(field("tags", 3, Type.TYPE_STRING).toBuilder().setLabel(Label.LABEL_REPEATED))
                .addField(field("rules", 4, Type.TYPE_MESSAGE).toBuilder()
                        .setLabel(Label.LABEL_REPEATED).setTypeName(".confluent.Rule"))
                .addNestedType(entry)
                .build();
        DescriptorProto rule = message("Rule", field("name", 1, Type.TYPE_STRING), field("doc", 2, Type.TYPE_STRING),
                field("expr", 3, Type.TYPE_STRING), field("sql", 4, Type.TYPE_STRING));
        FileDescriptorProto.Builder file = file(META_LOCATION, "confluent")
                .addDependency("google/protobuf/descriptor.proto")
                .addMessageType(meta)
                .addMessageType(rule);
        String[][] extensions = {{"file_meta", "FileOptions"}, {"message_meta", "MessageOptions"},
            {"field_meta", "FieldOptions"}, {"enum_meta", "EnumOptions"}, {"enum_value_meta", "EnumValueOptions"}};
        for (String[] extension : extensions) {
            file.addExtension(field(extension[0], FIELD_META_NUMBER, Type.TYPE_MESSAGE).toBuilder()
                    .setTypeName(".confluent.Meta").setExtendee(".google.protobuf." + extension[1]));
        }
        return file.build();
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
                .setLabel(Label.LABEL_OPTIONAL).setJsonName(jsonName(name)).build();
    }

    private static String jsonName(String name) {
        StringBuilder json = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }

    private static FileDescriptor build(FileDescriptorProto.Builder proto) {
        return build(proto.build());
    }

    private static FileDescriptor build(FileDescriptorProto proto, FileDescriptor... dependencies) {
        try {
            return FileDescriptor.buildFrom(proto, dependencies);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("A built-in .proto file does not validate: " + proto.getName(), e);
        }
    }
}
