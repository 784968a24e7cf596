package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import dev.ferry.schema.InvalidSchemaException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds protobuf-java's {@link FileDescriptor} of a parsed file and, first, of every file it imports: a
 * well-known import from {@link WellKnownProtos}, any other from the referenced texts by import path (the
 * reference name). Each file is built once per call even when several files import it; an import cycle is
 * refused, as protoc refuses it.
 */
final class DescriptorFactory {

    private final Map<String, String> texts;
    private final Map<String, FileDescriptor> built = new HashMap<>();
    private final Deque<String> building = new ArrayDeque<>();

    private DescriptorFactory(Map<String, String> texts) {
        this.texts = texts;
    }

    /**
     * @param fileName the name the file gets in its descriptor ({@code default} for a registered schema, as in
     *                 Confluent's serialized form; the import path for a referenced file)
     * @param texts    the referenced files' texts by import path
     * @throws InvalidSchemaException naming the unresolved import or the descriptor problem
     */
    static FileDescriptor build(ProtoFileElement file, String fileName, Map<String, String> texts) {
        return new DescriptorFactory(texts).build(file, fileName);
    }

    private FileDescriptor build(ProtoFileElement file, String fileName) {
        building.push(fileName);
        try {
            FileDescriptorProto proto = ElementToDescriptor.convert(file, fileName);
            return link(proto, file, dependencies(proto.getDependencyList(), fileName));
        } finally {
            building.pop();
        }
    }

    private FileDescriptor[] dependencies(List<String> imports, String importer) {
        FileDescriptor[] dependencies = new FileDescriptor[imports.size()];
        for (int i = 0; i < dependencies.length; i++) {
            dependencies[i] = dependency(imports.get(i), importer);
        }
        return dependencies;
    }

    private FileDescriptor dependency(String path, String importer) {
        FileDescriptor known = built.get(path);
        if (known != null) {
            return known;
        }
        // A well-known file is taken as compiled into protobuf-java (or kept here) even when a client registered a
        // copy of it as a reference: the copy is the same file, and sharing one descriptor keeps well-known
        // messages and option extensions the very types protobuf-java's own classes use.
        FileDescriptor wellKnown = WellKnownProtos.get(path);
        if (wellKnown != null) {
            return wellKnown;
        }
        String text = texts.get(path);
        if (text == null) {
            throw new InvalidSchemaException("Invalid Protobuf schema: " + label(importer) + " imports \"" + path
                    + "\", which is neither a well-known import nor a reference. Register that file under a subject "
                    + "and add a reference named \"" + path + "\" to it.");
        }
        if (building.contains(path)) {
            throw new InvalidSchemaException("Invalid Protobuf schema: the imports form a cycle through \"" + path
                    + "\" (" + String.join(" <- ", building) + "). Break the cycle by moving the shared types to a file "
                    + "both import.");
        }
        FileDescriptor file = build(ProtoText.parse(path, text), path);
        built.put(path, file);
        return file;
    }

    /** How Wire's parser names the file in a position: {@code schema:3:5}, {@code common/money.proto:3:5}. */
    private static String location(String fileName) {
        return fileName.equals(ProtobufSchema.FILE_NAME) ? "schema" : fileName;
    }

    private static String label(String fileName) {
        return fileName.equals(ProtobufSchema.FILE_NAME) ? "the schema" : fileName;
    }

    /**
     * Builds the descriptor twice: once to resolve the type names as written, then with them fully qualified and
     * the custom options set (their extensions resolve only once the file is built).
     */
    private static FileDescriptor link(FileDescriptorProto proto, ProtoFileElement file, FileDescriptor... dependencies) {
        try {
            FileDescriptor resolved = FileDescriptor.buildFrom(proto, dependencies);
            FileDescriptorProto qualified = CustomOptions.apply(QualifiedNames.of(resolved), file, resolved);
            return FileDescriptor.buildFrom(qualified, dependencies);
        } catch (DescriptorValidationException e) {
            String where = ElementLocator.locate(file, e.getProblemSymbolName());
            String problem = e.getDescription().endsWith(".") ? e.getDescription() : e.getDescription() + ".";
            throw new InvalidSchemaException("Invalid Protobuf schema: " + (where == null ? "" : location(proto.getName()) + ":"
                    + where + ": ") + e.getProblemSymbolName() + ": " + problem + " Fix that definition"
                    + (problem.contains("is not defined") ? " (a type defined in another file needs its import and, "
                    + "unless the file is well-known, a reference named by the import path)." : "."), e);
        }
    }
}
