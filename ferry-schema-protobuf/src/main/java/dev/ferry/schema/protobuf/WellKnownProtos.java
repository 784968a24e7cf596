package dev.ferry.schema.protobuf;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The imports that resolve without a schema reference, as on Confluent's registry: Google's well-known types
 * (taken from protobuf-java's compiled descriptors, so they are exactly what generated classes use), Google's
 * common types {@code google/type/*.proto}, and Confluent's {@code confluent/meta.proto} and
 * {@code confluent/type/decimal.proto} (built from their published definitions, kept in this module's resources).
 */
final class WellKnownProtos {

    private static final Map<String, FileDescriptor> GOOGLE = Map.ofEntries(
            entry(AnyProto.getDescriptor()),
            entry(ApiProto.getDescriptor()),
            entry(DescriptorProtos.getDescriptor()),
            entry(DurationProto.getDescriptor()),
            entry(EmptyProto.getDescriptor()),
            entry(FieldMaskProto.getDescriptor()),
            entry(SourceContextProto.getDescriptor()),
            entry(StructProto.getDescriptor()),
            entry(TimestampProto.getDescriptor()),
            entry(TypeProto.getDescriptor()),
            entry(WrappersProto.getDescriptor()));

    static final String CONFLUENT_META = "confluent/meta.proto";
    static final String CONFLUENT_DECIMAL = "confluent/type/decimal.proto";

    /**
     * Files defined by their {@code .proto} text in this module's resources: Confluent's two, and Google's common
     * types ({@code google/type/*}, copied with their license from Google's {@code proto-google-common-protos};
     * Confluent's converter writes Connect dates and times as {@code google.type.Date} and {@code TimeOfDay}).
     */
    private static final Set<String> FROM_RESOURCES = Set.of(CONFLUENT_META, CONFLUENT_DECIMAL,
            "google/type/calendar_period.proto", "google/type/color.proto", "google/type/date.proto",
            "google/type/dayofweek.proto", "google/type/expr.proto", "google/type/fraction.proto",
            "google/type/latlng.proto", "google/type/money.proto", "google/type/postal_address.proto",
            "google/type/quaternion.proto", "google/type/timeofday.proto");

    /** Built on first use: most schemas import none of them. Guarded by the class lock. */
    private static final Map<String, FileDescriptor> BUILT = new HashMap<>();

    private WellKnownProtos() {
    }

    static Set<String> resourcePaths() {
        return FROM_RESOURCES;
    }

    static boolean isWellKnown(String importPath) {
        return GOOGLE.containsKey(importPath) || FROM_RESOURCES.contains(importPath);
    }

    /** The descriptor of a well-known import, or null when {@code importPath} is none. */
    static FileDescriptor get(String importPath) {
        FileDescriptor google = GOOGLE.get(importPath);
        if (google != null) {
            return google;
        }
        return FROM_RESOURCES.contains(importPath) ? fromResource(importPath) : null;
    }

    private static synchronized FileDescriptor fromResource(String path) {
        FileDescriptor file = BUILT.get(path);
        if (file == null) {
            file = DescriptorFactory.build(ProtoText.parse(path, resource(path)), path, Map.of());
            BUILT.put(path, file);
        }
        return file;
    }

    private static String resource(String path) {
        try (InputStream in = WellKnownProtos.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + path + " is missing from ferry-schema-protobuf's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The registry that reads Confluent's meta options ({@code (confluent.field_meta)} and its siblings) out of a
     * serialized {@code FileDescriptorProto}, so they survive the serialized form.
     */
    static ExtensionRegistry optionExtensions() {
        return Confluent.EXTENSIONS;
    }

    private static Map.Entry<String, FileDescriptor> entry(FileDescriptor file) {
        return Map.entry(file.getName(), file);
    }

    /** Built on first use. */
    private static final class Confluent {
        static final ExtensionRegistry EXTENSIONS = extensions(get(CONFLUENT_META));

        private static ExtensionRegistry extensions(FileDescriptor file) {
            ExtensionRegistry registry = ExtensionRegistry.newInstance();
            for (FieldDescriptor extension : file.getExtensions()) {
                registry.add(extension, DynamicMessage.getDefaultInstance(extension.getMessageType()));
            }
            return registry.getUnmodifiable();
        }
    }
}
