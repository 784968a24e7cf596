package dev.ferry.converters.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;

/**
 * Read access to a message's fields with protobuf-java's semantics ({@code get} gives the default of an unset
 * field), over a {@link Message} or over {@link DecodedMessage} fields decoded straight from the wire, so the
 * Connect mapping reads both the same way.
 */
interface MessageFields {

    Descriptor type();

    /** The field's value; its default (zero, empty, an empty message, an empty list) when unset. */
    Object get(FieldDescriptor field);

    /** Whether a singular field is set, or a repeated one has elements. */
    boolean has(FieldDescriptor field);

    /** The set member of a oneof, or null. */
    FieldDescriptor oneofCase(OneofDescriptor oneof);

    /** A view of a value that is a message: a protobuf-java one or an already decoded one. */
    static MessageFields of(Object value) {
        return value instanceof MessageFields fields ? fields : new OfMessage((Message) value);
    }

    /** The view over a protobuf-java message. */
    record OfMessage(Message message) implements MessageFields {
        @Override
        public Descriptor type() {
            return message.getDescriptorForType();
        }

        @Override
        public Object get(FieldDescriptor field) {
            return message.getField(field);
        }

        @Override
        public boolean has(FieldDescriptor field) {
            return field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
        }

        @Override
        public FieldDescriptor oneofCase(OneofDescriptor oneof) {
            return message.hasOneof(oneof) ? message.getOneofFieldDescriptor(oneof) : null;
        }
    }
}
