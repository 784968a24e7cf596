package dev.ferry.schema.protobuf;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * Compares two versions of one field (same number): its name, its kind (scalar or enum, message, map), for
 * scalars the wire-compatible groups of
 * <a href="https://protobuf.dev/programming-guides/proto3/#updating">protobuf's update rules</a> and the label,
 * for messages the type's name and, when the name is the same, the type's own compatibility.
 */
final class FieldComparison {

    private enum Kind { SCALAR, MESSAGE, MAP }

    /** Scalars that read each other's encoding (protobuf's rules, enums counting as varints). */
    private enum ScalarGroup { VARINT, ZIGZAG, LENGTH_DELIMITED, FIXED32, FIXED64, FLOAT, DOUBLE }

    /** A field's label as its schema text declares it; null where the text has none (proto3, oneof, map). */
    private enum Label { OPTIONAL, REQUIRED, REPEATED }

    private FieldComparison() {
    }

    static void compare(Differences differences, FieldDescriptor original, FieldDescriptor update) {
        if (!original.getName().equals(update.getName())) {
            differences.add(DifferenceType.FIELD_NAME_CHANGED);
        }
        compareTypes(differences, label(original), label(update), original, update);
    }

    private static void compareTypes(Differences differences, Label originalLabel, Label updateLabel,
                                     FieldDescriptor original, FieldDescriptor update) {
        Kind kind = kind(original);
        if (kind != kind(update)) {
            differences.add(DifferenceType.FIELD_KIND_CHANGED);
            return;
        }
        switch (kind) {
            case SCALAR -> scalars(differences, originalLabel, updateLabel, original, update);
            case MESSAGE -> messages(differences, original.getMessageType(), update.getMessageType());
            case MAP -> {
                Descriptor before = original.getMessageType();
                Descriptor after = update.getMessageType();
                compareTypes(differences, null, null, before.findFieldByNumber(1), after.findFieldByNumber(1));
                compareTypes(differences, null, null, before.findFieldByNumber(2), after.findFieldByNumber(2));
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private static void scalars(Differences differences, Label originalLabel, Label updateLabel,
                                FieldDescriptor original, FieldDescriptor update) {
        ScalarGroup group = group(original);
        if (group != group(update)) {
            differences.add(DifferenceType.FIELD_SCALAR_KIND_CHANGED);
        } else if (originalLabel != null && updateLabel != null && originalLabel != updateLabel) {
            differences.add(group == ScalarGroup.LENGTH_DELIMITED
                    ? DifferenceType.FIELD_STRING_OR_BYTES_LABEL_CHANGED : DifferenceType.FIELD_NUMERIC_LABEL_CHANGED);
        }
    }

    private static void messages(Differences differences, Descriptor original, Descriptor update) {
        if (!localName(original).equals(localName(update))) {
            differences.add(DifferenceType.FIELD_NAMED_TYPE_CHANGED);
            return;
        }
        if (sameDefinition(original, update)) {
            return;
        }
        Differences nested = differences.nested(localName(original));
        MessageComparison.compare(nested, original, update);
        differences.addAll(nested);
        if (!nested.compatible()) {
            differences.add(DifferenceType.FIELD_NAMED_TYPE_CHANGED);
        }
    }

    /** The same file on both sides (a well-known type, the same referenced version): nothing to compare. */
    private static boolean sameDefinition(Descriptor original, Descriptor update) {
        if (original == update) {
            return true;
        }
        FileDescriptorProto before = original.getFile().toProto();
        FileDescriptorProto after = update.getFile().toProto();
        return !original.getFile().getName().equals(ProtobufSchema.FILE_NAME) && before.equals(after);
    }

    private static String localName(Descriptor message) {
        String pkg = message.getFile().getPackage();
        String fullName = message.getFullName();
        return pkg.isEmpty() ? fullName : fullName.substring(pkg.length() + 1);
    }

    private static Kind kind(FieldDescriptor field) {
        if (field.isMapField()) {
            return Kind.MAP;
        }
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? Kind.MESSAGE : Kind.SCALAR;
    }

    private static ScalarGroup group(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, INT64, UINT32, UINT64, BOOL, ENUM -> ScalarGroup.VARINT;
            case SINT32, SINT64 -> ScalarGroup.ZIGZAG;
            case STRING, BYTES -> ScalarGroup.LENGTH_DELIMITED;
            case FIXED32, SFIXED32 -> ScalarGroup.FIXED32;
            case FIXED64, SFIXED64 -> ScalarGroup.FIXED64;
            case FLOAT -> ScalarGroup.FLOAT;
            case DOUBLE -> ScalarGroup.DOUBLE;
            default -> throw new IllegalArgumentException("Not a scalar: " + field.getFullName());
        };
    }

    private static Label label(FieldDescriptor field) {
        if (field.isMapField() || field.getRealContainingOneof() != null) {
            return null;
        }
        if (field.isRepeated()) {
            return Label.REPEATED;
        }
        if (field.isRequired()) {
            return Label.REQUIRED;
        }
        boolean proto3 = "proto3".equals(field.getFile().toProto().getSyntax());
        if (proto3) {
            return field.toProto().getProto3Optional() ? Label.OPTIONAL : null;
        }
        return Label.OPTIONAL;
    }

}
