package dev.ferry.converters.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confluent's {@code (confluent.field_meta).params} field option, where its converter keeps what Protobuf has no
 * type for ({@code connect.type: int8}, a decimal's precision and scale). Written as the raw option bytes so no
 * generated {@code MetaProto} class is needed; read whether the parser kept the option as an extension or as an
 * unknown field.
 */
final class FieldMeta {

    private static final int PARAMS_FIELD = 2;

    private FieldMeta() {
    }

    /** Field options carrying these params. */
    static FieldOptions options(Map<String, String> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Map.Entry<String, String> param : params.entrySet()) {
                ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
                CodedOutputStream entry = CodedOutputStream.newInstance(entryBytes);
                entry.writeString(1, param.getKey());
                entry.writeString(2, param.getValue());
                entry.flush();
                out.writeByteArray(PARAMS_FIELD, entryBytes.toByteArray());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UnknownFieldSet.Field meta = UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFrom(bytes.toByteArray())).build();
        return FieldOptions.newBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder().addField(WellKnownFiles.FIELD_META_NUMBER, meta).build())
                .build();
    }

    /** The params of a field's {@code confluent.field_meta} option; empty when it has none. */
    static Map<String, String> params(FieldDescriptor field) {
        if (!field.toProto().hasOptions()) {
            return Map.of();
        }
        FieldOptions options = field.getOptions();
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<FieldDescriptor, Object> option : options.getAllFields().entrySet()) {
            if (option.getKey().isExtension() && option.getKey().getNumber() == WellKnownFiles.FIELD_META_NUMBER
                    && option.getValue() instanceof Message meta) {
                readParams(meta.toByteString(), params);
            }
        }
        UnknownFieldSet.Field unknown = options.getUnknownFields().getField(WellKnownFiles.FIELD_META_NUMBER);
        if (unknown != null) {
            List<ByteString> values = unknown.getLengthDelimitedList();
            values.forEach(value -> readParams(value, params));
        }
        return params;
    }

    private static void readParams(ByteString meta, Map<String, String> params) {
        try {
            CodedInputStream in = meta.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag >>> 3 == PARAMS_FIELD && (tag & 7) == 2) {
                    readEntry(in.readBytes(), params);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            // a malformed option is not worth failing a record for: the field maps without its params
        }
    }

    private static void readEntry(ByteString entry, Map<String, String> params) throws IOException {
        CodedInputStream in = entry.newCodedInput();
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> key = in.readString();
                case 2 -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        params.put(key, value);
    }
}
