package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import dev.ferry.schema.InvalidSchemaException;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import dev.ferry.schema.SchemaType;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Protobuf schema: one {@code .proto} file, parsed with Square's Wire and built into protobuf-java's
 * {@link FileDescriptor} together with the files it imports (well-known ones, or referenced ones given by import
 * path). {@link #canonical()} is the text Confluent's registry holds for it; {@link #raw()} is the file
 * descriptor. Immutable and thread-safe.
 *
 * <p>Serializers start from compiled classes: {@link #of(FileDescriptor)} gives the schema a registry would hold
 * for a message class's file, and {@link #indexesOf(Descriptor)} the message index path the wire format writes.
 */
public final class ProtobufSchema implements ParsedSchema {

    /** The file name Confluent gives a registered schema in its serialized {@code FileDescriptorProto}. */
    static final String FILE_NAME = "default";

    private final ProtoFileElement element;
    private final FileDescriptor descriptor;
    private final List<SchemaReference> references;
    private final Map<String, String> resolvedReferences;
    private volatile String canonical;
    private final Map<String, List<Integer>> indexesByName = new ConcurrentHashMap<>();

    ProtobufSchema(ProtoFileElement element, FileDescriptor descriptor, List<SchemaReference> references,
                   Map<String, String> resolvedReferences) {
        this(element, descriptor, references, resolvedReferences, null);
    }

    /** @param canonical the text to give as canonical, or null to print it from {@code element} */
    ProtobufSchema(ProtoFileElement element, FileDescriptor descriptor, List<SchemaReference> references,
                   Map<String, String> resolvedReferences, String canonical) {
        this.element = element;
        this.descriptor = descriptor;
        this.references = List.copyOf(references);
        this.resolvedReferences = Map.copyOf(resolvedReferences);
        this.canonical = canonical;
    }

    /**
     * The schema of a compiled file, as Confluent's serializer derives it from a message class: the canonical
     * text printed from the file's descriptor, and the texts of the files it imports (well-known ones excepted)
     * by import path, ready to be registered as references. The schema's references are empty until
     * {@link #withReferences} names the subjects those files were registered under.
     */
    public static ProtobufSchema of(FileDescriptor file) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        collectDependencies(file, dependencies);
        return new ProtobufSchema(DescriptorToElement.convert(file.toProto()), file, List.of(), dependencies);
    }

    /** The schema of the file that defines {@code message}; see {@link #of(FileDescriptor)}. */
    public static ProtobufSchema of(Descriptor message) {
        return of(message.getFile());
    }

    private static void collectDependencies(FileDescriptor file, Map<String, String> texts) {
        for (FileDescriptor dependency : file.getDependencies()) {
            if (WellKnownProtos.isWellKnown(dependency.getName()) || texts.containsKey(dependency.getName())) {
                continue;
            }
            collectDependencies(dependency, texts);
            texts.put(dependency.getName(), ProtoPrinter.print(DescriptorToElement.convert(dependency.toProto())));
        }
    }

    /** The same schema with these references (the subjects and versions its imports were registered under). */
    public ProtobufSchema withReferences(List<SchemaReference> references) {
        return new ProtobufSchema(element, descriptor, references, resolvedReferences, canonical);
    }

    @Override
    public SchemaType type() {
        return SchemaType.PROTOBUF;
    }

    @Override
    public String canonical() {
        String text = canonical;
        if (text == null) {
            text = ProtoPrinter.print(element);
            canonical = text;
        }
        return text;
    }

    @Override
    public String formatted(String format) {
        if (format != null && "serialized".equalsIgnoreCase(format.trim())) {
            // A compiled file's descriptor (of()) differs in detail from what a registry builds from the text
            // (file name, field order, json_name): serialize what the registry would.
            FileDescriptor registered = descriptor.getName().equals(FILE_NAME)
                    ? descriptor : DescriptorFactory.build(element, FILE_NAME, resolvedReferences);
            return Base64.getEncoder().encodeToString(QualifiedNames.of(registered).toByteArray());
        }
        if (format != null && "ignore_extensions".equalsIgnoreCase(format.trim())) {
            return ProtoPrinter.printIgnoringExtensions(element);
        }
        return canonical();
    }

    /** The fully qualified name of the first message (or, without messages, the first enum). */
    @Override
    public String name() {
        TypeElement first = element.getTypes().stream().filter(MessageElement.class::isInstance).findFirst()
                .orElseGet(() -> element.getTypes().stream().findFirst().orElse(null));
        if (first == null) {
            throw new InvalidSchemaException("The Protobuf schema defines no message or enum, so it has no record name. "
                    + "Define a message in it.");
        }
        String pkg = element.getPackageName();
        return pkg == null || pkg.isEmpty() ? first.getName() : pkg + "." + first.getName();
    }

    @Override
    public List<SchemaReference> references() {
        return references;
    }

    @Override
    public Map<String, String> resolvedReferences() {
        return resolvedReferences;
    }

    @Override
    public ProtobufSchema normalized() {
        return Normalizer.normalize(this);
    }

    @Override
    public List<String> incompatibilitiesWith(ParsedSchema previous) {
        if (!(previous instanceof ProtobufSchema writer)) {
            return List.of("Incompatible because of different schema type");
        }
        return ProtobufCompatibility.check(this, writer);
    }

    /** The file descriptor (protobuf-java), the same as {@link #fileDescriptor()}. */
    @Override
    public Object raw() {
        return descriptor;
    }

    public FileDescriptor fileDescriptor() {
        return descriptor;
    }

    /** The first message of the file, the one a record holds when its message index path is {@code [0]}. */
    public Descriptor firstMessage() {
        if (descriptor.getMessageTypes().isEmpty()) {
            throw new IllegalStateException("The Protobuf schema " + name() + " defines no message");
        }
        return descriptor.getMessageTypes().get(0);
    }

    /**
     * The message a message index path names.
     *
     * @throws IllegalArgumentException naming the path and what the schema has at the failing depth
     */
    public Descriptor messageAt(List<Integer> indexes) {
        return MessageIndexes.at(descriptor, indexes);
    }

    /**
     * The message index path of {@code message}, found by its full name in this schema (so a descriptor of a
     * compiled class works as well as one of this schema).
     *
     * @throws IllegalArgumentException when this schema defines no message of that name
     */
    public List<Integer> indexesOf(Descriptor message) {
        // Serializers ask once per record: remember the answer per message name.
        List<Integer> indexes = indexesByName.get(message.getFullName());
        if (indexes == null) {
            indexes = MessageIndexes.of(descriptor, message);
            indexesByName.put(message.getFullName(), indexes);
        }
        return indexes;
    }

    /** The message of this full name (nested ones included), or null. */
    public Descriptor messageNamed(String fullName) {
        for (Descriptor top : descriptor.getMessageTypes()) {
            Descriptor found = search(top, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Descriptor search(Descriptor message, String fullName) {
        if (message.getFullName().equals(fullName)) {
            return message;
        }
        for (Descriptor nested : message.getNestedTypes()) {
            Descriptor found = search(nested, fullName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    ProtoFileElement element() {
        return element;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtobufSchema other && canonical().equals(other.canonical())
                && references.equals(other.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(canonical(), references);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
