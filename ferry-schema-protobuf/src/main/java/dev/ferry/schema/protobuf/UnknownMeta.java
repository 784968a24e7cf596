package dev.ferry.schema.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import java.util.Map;
import java.util.Optional;

/**
 * Confluent's meta option held as an unknown field of an options message (field number 1088, how a descriptor
 * built or compiled without Confluent's {@code MetaProto} carries it), read as the matching extension of
 * {@code confluent/meta.proto} ({@code field_meta} on field options, {@code message_meta} on message options,
 * ...).
 */
final class UnknownMeta {

    static final int NUMBER = 1088;

    private UnknownMeta() {
    }

    static Optional<Map.Entry<FieldDescriptor, Object>> of(Message options) {
        UnknownFieldSet.Field unknown = options.getUnknownFields().getField(NUMBER);
        if (unknown == null || unknown.getLengthDelimitedList().isEmpty()) {
            return Optional.empty();
        }
        for (FieldDescriptor extension : ProtobufMeta.file().getExtensions()) {
            if (extension.getContainingType().getFullName().equals(options.getDescriptorForType().getFullName())) {
                try {
                    DynamicMessage.Builder meta = DynamicMessage.newBuilder(extension.getMessageType());
                    unknown.getLengthDelimitedList().forEach(bytes -> merge(meta, bytes));
                    return Optional.of(Map.entry(extension, meta.build()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void merge(DynamicMessage.Builder meta, com.google.protobuf.ByteString bytes) {
        try {
            meta.mergeFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
