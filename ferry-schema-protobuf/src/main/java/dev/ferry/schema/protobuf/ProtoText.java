package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import dev.ferry.schema.InvalidSchemaException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Turns a schema text as a client sends it into Wire's syntax tree: {@code .proto} source, parsed with Wire's
 * parser, or the base64 {@code FileDescriptorProto} that Confluent's {@code format=serialized} gives and its
 * registry accepts. The source form is tried first, as Confluent does, so a short source that happens to be valid
 * base64 still reads as source.
 */
final class ProtoText {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/\\r\\n]+={0,2}\\s*");

    private ProtoText() {
    }

    /**
     * Parses {@code text}; {@code fileName} names the file in error messages (the import path of a reference,
     * {@code schema} for the schema itself).
     *
     * @throws InvalidSchemaException with Wire's message (line and column) and what to fix
     */
    static ProtoFileElement parse(String fileName, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException("Invalid Protobuf schema " + fileName + ": the schema text is empty. Send the "
                    + ".proto source (or its base64 FileDescriptorProto) in the 'schema' field.");
        }
        try {
            return ProtoParser.Companion.parse(Location.get(fileName), text);
        } catch (RuntimeException sourceError) {
            ProtoFileElement serialized = fromBase64(text);
            if (serialized != null) {
                return serialized;
            }
            throw new InvalidSchemaException("Invalid Protobuf schema: " + messageOf(sourceError)
                    + ". Fix the .proto text at that position (" + fileName + ":line:column).",
                    sourceError);
        }
    }

    private static ProtoFileElement fromBase64(String text) {
        String trimmed = text.strip();
        if (!BASE64.matcher(trimmed).matches()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(trimmed);
            FileDescriptorProto proto = FileDescriptorProto.parseFrom(bytes, WellKnownProtos.optionExtensions());
            if (proto.getMessageTypeCount() == 0 && proto.getEnumTypeCount() == 0 && proto.getServiceCount() == 0) {
                return null;
            }
            return DescriptorToElement.convert(proto);
        } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
            return null;
        }
    }

    private static String messageOf(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
