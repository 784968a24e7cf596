package dev.ferry.converters.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's fields decoded straight from the wire into plain Java values (the boxed types, {@code String},
 * {@code ByteString} and enum value descriptors protobuf-java uses, nested messages as {@code DecodedMessage}s),
 * without building a {@code DynamicMessage}: that costs about half of a record's read time. Unknown fields are
 * skipped. What this decoder does not do ({@link Unsupported}: proto2 groups, a singular message field sent twice,
 * which protobuf merges, a field with the wrong wire type) the caller leaves to {@code DynamicMessage}.
 */
final class DecodedMessage implements MessageFields {

    /** Nesting deeper than this is refused, as protobuf-java's parser refuses it. */
    private static final int MAX_DEPTH = 100;

    /** Thrown where {@code DynamicMessage} should parse the record instead. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final Descriptor type;
    private final Object[] values;
    private final FieldDescriptor[] oneofCases;

    private DecodedMessage(Descriptor type) {
        this.type = type;
        this.values = new Object[type.getFields().size()];
        this.oneofCases = new FieldDescriptor[type.getOneofs().size()];
    }

    static DecodedMessage decode(Descriptor type, CodedInputStream in) throws IOException {
        return decode(type, in, 0);
    }

    private static DecodedMessage decode(Descriptor type, CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new Unsupported("message nesting deeper than " + MAX_DEPTH);
        }
        DecodedMessage message = new DecodedMessage(type);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            FieldDescriptor field = FieldsByName.byNumber(type, WireFormat.getTagFieldNumber(tag));
            if (field == null) {
                in.skipField(tag);
                continue;
            }
            int wireType = WireFormat.getTagWireType(tag);
            if (field.isRepeated() && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED && field.isPackable()) {
                int limit = in.pushLimit(in.readRawVarint32());
                List<Object> list = message.list(field);
                while (in.getBytesUntilLimit() > 0) {
                    list.add(readOne(field, in, depth));
                }
                in.popLimit(limit);
            } else if (wireType != field.getLiteType().getWireType()) {
                throw new Unsupported("field " + field.getFullName() + " arrived with wire type " + wireType);
            } else if (field.isRepeated()) {
                message.list(field).add(readOne(field, in, depth));
            } else {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && message.values[field.getIndex()] != null) {
                    throw new Unsupported("message field " + field.getFullName() + " sent twice (to be merged)");
                }
                message.set(field, readOne(field, in, depth));
            }
        }
        return message;
    }

    private static Object readOne(FieldDescriptor field, CodedInputStream in, int depth) throws IOException {
        return switch (field.getType()) {
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case INT64 -> in.readInt64();
            case UINT64 -> in.readUInt64();
            case INT32 -> in.readInt32();
            case FIXED64 -> in.readFixed64();
            case FIXED32 -> in.readFixed32();
            case BOOL -> in.readBool();
            case STRING -> in.readString();
            case BYTES -> in.readBytes();
            case UINT32 -> in.readUInt32();
            case SFIXED32 -> in.readSFixed32();
            case SFIXED64 -> in.readSFixed64();
            case SINT32 -> in.readSInt32();
            case SINT64 -> in.readSInt64();
            case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown(in.readEnum());
            case MESSAGE -> {
                int limit = in.pushLimit(in.readRawVarint32());
                DecodedMessage nested = decode(field.getMessageType(), in, depth + 1);
                in.checkLastTagWas(0);
                in.popLimit(limit);
                yield nested;
            }
            case GROUP -> throw new Unsupported("proto2 group " + field.getFullName());
        };
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(FieldDescriptor field) {
        Object list = values[field.getIndex()];
        if (list == null) {
            list = new ArrayList<>();
            values[field.getIndex()] = list;
        }
        return (List<Object>) list;
    }

    private void set(FieldDescriptor field, Object value) {
        OneofDescriptor oneof = field.getContainingOneof();
        if (oneof != null) {
            FieldDescriptor previous = oneofCases[oneof.getIndex()];
            if (previous != null && previous != field) {
                // the last member on the wire wins, as in protobuf-java
                values[previous.getIndex()] = null;
            }
            oneofCases[oneof.getIndex()] = field;
        }
        values[field.getIndex()] = value;
    }

    @Override
    public Descriptor type() {
        return type;
    }

    @Override
    public Object get(FieldDescriptor field) {
        Object value = values[field.getIndex()];
        if (value != null) {
            return value;
        }
        if (field.isRepeated()) {
            return List.of();
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return new DecodedMessage(field.getMessageType());
        }
        return field.getDefaultValue();
    }

    @Override
    public boolean has(FieldDescriptor field) {
        Object value = values[field.getIndex()];
        return field.isRepeated() ? value != null && !((List<?>) value).isEmpty() : value != null;
    }

    @Override
    public FieldDescriptor oneofCase(OneofDescriptor oneof) {
        return oneofCases[oneof.getIndex()];
    }
}
