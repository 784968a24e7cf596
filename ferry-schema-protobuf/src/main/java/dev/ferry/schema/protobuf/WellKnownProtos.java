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
import java.util.Map;

/**
 * The imports that resolve without a schema reference, as on Confluent's registry: Google's well-known types
 * (taken from protobuf-java's compiled descriptors, so they are exactly what generated classes use) and
 * Confluent's {@code confluent/meta.proto} and {@code confluent/type/decimal.proto} (built from their published
 * definitions, kept in this module's resources).
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

    private WellKnownProtos() {
    }

    static boolean isWellKnown(String importPath) {
        return GOOGLE.containsKey(importPath) || CONFLUENT_META.equals(importPath) || CONFLUENT_DECIMAL.equals(importPath);
    }

    /** The descriptor of a well-known import, or null when {@code importPath} is none. */
    static FileDescriptor get(String importPath) {
        FileDescriptor google = GOOGLE.get(importPath);
        if (google != null) {
            return google;
        }
        if (CONFLUENT_META.equals(importPath)) {
            return Confluent.META;
        }
        if (CONFLUENT_DECIMAL.equals(importPath)) {
            return Confluent.DECIMAL;
        }
        return null;
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

    /** Built on first use: most schemas never import Confluent's files. */
    private static final class Confluent {
        static final FileDescriptor META = build(CONFLUENT_META);
        static final FileDescriptor DECIMAL = build(CONFLUENT_DECIMAL);
        static final ExtensionRegistry EXTENSIONS = extensions(META);

        private static ExtensionRegistry extensions(FileDescriptor file) {
            ExtensionRegistry registry = ExtensionRegistry.newInstance();
            for (FieldDescriptor extension : file.getExtensions()) {
                registry.add(extension, DynamicMessage.getDefaultInstance(extension.getMessageType()));
            }
            return registry.getUnmodifiable();
        }

        private static FileDescriptor build(String path) {
            String text = resource(path);
            return DescriptorFactory.build(ProtoText.parse(path, text), path, Map.of());
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
    }
}
