package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import dev.ferry.schema.SchemaProvider;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;

/**
 * Parses Protobuf schemas: {@code .proto} source (proto2 or proto3) or the base64 {@code FileDescriptorProto}
 * of Confluent's serialized format. Imports resolve through the referenced texts by import path (the reference
 * name) and, without a reference, for Google's well-known types and Confluent's {@code confluent/meta.proto} and
 * {@code confluent/type/decimal.proto}. Registered through {@code META-INF/services}; stateless and thread-safe.
 */
public final class ProtobufSchemaProvider implements SchemaProvider {

    @Override
    public SchemaType type() {
        return SchemaType.PROTOBUF;
    }

    @Override
    public ProtobufSchema parse(String schema, List<SchemaReference> references, Map<String, String> resolved) {
        Map<String, String> texts = resolved == null ? Map.of() : resolved;
        ProtoFileElement element = ProtoText.parse("schema", schema);
        FileDescriptor descriptor = DescriptorFactory.build(element, ProtobufSchema.FILE_NAME, texts);
        return new ProtobufSchema(element, descriptor, references == null ? List.of() : references, texts);
    }

    /** Parses a schema without references; a convenience for tests and tools. */
    public static ProtobufSchema parse(String schema) {
        return new ProtobufSchemaProvider().parse(schema, List.of(), Map.of());
    }
}
