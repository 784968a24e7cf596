package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confluent's meta option ({@code confluent/meta.proto}: {@code doc}, {@code params}, {@code tags}) of a field,
 * message or enum, which Confluent's Connect converter uses to carry what Protobuf has no type for (a Decimal's
 * {@code precision} and {@code scale}, a Connect schema's doc and parameters). Read from a descriptor whether the
 * option arrived as a known extension (parsed text, a registry's serialized form, a class compiled against
 * Confluent's {@code MetaProto}) or as an unknown field; written as the options a programmatically built
 * descriptor needs. The file must import {@link #IMPORT}, whose descriptor {@link #file()} gives.
 */
public record ProtobufMeta(String doc, Map<String, String> params, List<String> tags) {

    /** The import path of Confluent's meta definitions. */
    public static final String IMPORT = WellKnownProtos.CONFLUENT_META;

    /** The field number all of Confluent's meta extensions use. */
    private static final int EXTENSION_NUMBER = 1088;

    public ProtobufMeta {
        doc = doc == null ? "" : doc;
        params = Map.copyOf(params == null ? Map.of() : params);
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    /** Confluent's {@code confluent/meta.proto}, to list among the dependencies of a file built in code. */
    public static com.google.protobuf.Descriptors.FileDescriptor file() {
        return WellKnownProtos.get(IMPORT);
    }

    /** The meta of a field; empty (no doc, params or tags) when it has none. */
    public static ProtobufMeta of(FieldDescriptor field) {
        return read(field.getOptions());
    }

    public static ProtobufMeta of(Descriptor message) {
        return read(message.getOptions());
    }

    public static ProtobufMeta of(EnumDescriptor enumType) {
        return read(enumType.getOptions());
    }

    public boolean isEmpty() {
        return doc.isEmpty() && params.isEmpty() && tags.isEmpty();
    }

    /** Field options carrying this meta as {@code (confluent.field_meta)}. */
    public FieldOptions fieldOptions() {
        return FieldOptions.newBuilder().setField(extension("field_meta"), toMessage()).build();
    }

    /** Message options carrying this meta as {@code (confluent.message_meta)}. */
    public MessageOptions messageOptions() {
        return MessageOptions.newBuilder().setField(extension("message_meta"), toMessage()).build();
    }

    private static FieldDescriptor extension(String name) {
        return file().findExtensionByName(name);
    }

    private DynamicMessage toMessage() {
        Descriptor meta = file().findMessageTypeByName("Meta");
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(meta);
        if (!doc.isEmpty()) {
            builder.setField(meta.findFieldByName("doc"), doc);
        }
        FieldDescriptor paramsField = meta.findFieldByName("params");
        Descriptor entry = paramsField.getMessageType();
        params.forEach((key, value) -> builder.addRepeatedField(paramsField, DynamicMessage.newBuilder(entry)
                .setField(entry.findFieldByName("key"), key)
                .setField(entry.findFieldByName("value"), value).build()));
        tags.forEach(tag -> builder.addRepeatedField(meta.findFieldByName("tags"), tag));
        return builder.build();
    }

    private static ProtobufMeta read(Message options) {
        for (Map.Entry<FieldDescriptor, Object> entry : options.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (field.isExtension() && field.getNumber() == EXTENSION_NUMBER
                    && field.getFullName().startsWith("confluent.") && entry.getValue() instanceof Message meta) {
                return fromMessage(meta);
            }
        }
        var unknown = UnknownMeta.of(options);
        if (unknown.isPresent()) {
            return fromMessage((Message) unknown.get().getValue());
        }
        return new ProtobufMeta("", Map.of(), List.of());
    }

    private static ProtobufMeta fromMessage(Message meta) {
        String doc = "";
        Map<String, String> params = new LinkedHashMap<>();
        List<String> tags = List.of();
        for (Map.Entry<FieldDescriptor, Object> entry : meta.getAllFields().entrySet()) {
            switch (entry.getKey().getName()) {
                case "doc" -> doc = (String) entry.getValue();
                case "params" -> {
                    for (Object item : (List<?>) entry.getValue()) {
                        Message pair = (Message) item;
                        Descriptor type = pair.getDescriptorForType();
                        params.put(String.valueOf(pair.getField(type.findFieldByName("key"))),
                                String.valueOf(pair.getField(type.findFieldByName("value"))));
                    }
                }
                case "tags" -> tags = ((List<?>) entry.getValue()).stream().map(String::valueOf).toList();
                default -> { }
            }
        }
        return new ProtobufMeta(doc, params, tags);
    }
}
