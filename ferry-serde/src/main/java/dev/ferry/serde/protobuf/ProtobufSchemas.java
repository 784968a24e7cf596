package dev.ferry.serde.protobuf;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.protobuf.ProtobufSchema;
import dev.ferry.serde.SerdeConfig;
import dev.ferry.serde.client.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ParsedSchema} of a compiled {@code .proto} file, with its imports registered (or looked up) first as
 * schema references, each under the subject named by its import path as Confluent's default
 * {@code reference.subject.name.strategy} does. Well-known imports ({@code google/protobuf/*}, {@code confluent/*})
 * are not registered: every registry knows them. Done once per file.
 */
final class ProtobufSchemas {

    private final SchemaRegistryClient client;
    private final SerdeConfig config;
    private final Map<FileDescriptor, ProtobufSchema> resolved = new ConcurrentHashMap<>();

    ProtobufSchemas(SchemaRegistryClient client, SerdeConfig config) {
        this.client = client;
        this.config = config;
    }

    static boolean wellKnown(String importPath) {
        return importPath.startsWith("google/protobuf/") || importPath.startsWith("confluent/");
    }

    ParsedSchema parsed(FileDescriptor file) {
        ProtobufSchema cached = resolved.get(file);
        if (cached != null) {
            return cached;
        }
        List<SchemaReference> references = new ArrayList<>();
        for (FileDescriptor dependency : file.getDependencies()) {
            if (!wellKnown(dependency.getName())) {
                ParsedSchema dep = parsed(dependency);
                references.add(new SchemaReference(dependency.getName(), dependency.getName(), versionOf(dependency, dep)));
            }
        }
        ProtobufSchema schema = ProtobufSchema.of(file).withReferences(references);
        resolved.putIfAbsent(file, schema);
        return schema;
    }

    /** The version of a dependency under its subject: registered, the latest, or looked up, per the serde config. */
    private int versionOf(FileDescriptor dependency, ParsedSchema dep) {
        String subject = dependency.getName();
        if (config.autoRegisterSchemas()) {
            client.register(subject, dep, config.normalizeSchemas());
            return client.lookup(subject, dep, config.normalizeSchemas()).version();
        }
        if (config.useLatestVersion()) {
            return client.latest(subject).version();
        }
        return client.lookup(subject, dep, config.normalizeSchemas()).version();
    }
}
