package dev.ferry.schema.protobuf;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.List;

/**
 * Finds where in the {@code .proto} text a definition named by its full name ({@code pkg.Outer.field}) is, so
 * that a problem protobuf-java finds while building the descriptor can name the line and column as Wire's
 * parser errors do.
 */
final class ElementLocator {

    private ElementLocator() {
    }

    /** The {@code line:column} of the definition, or null when the name does not lead to one. */
    static String locate(ProtoFileElement file, String fullName) {
        String pkg = file.getPackageName();
        String name = pkg != null && fullName.startsWith(pkg + ".") ? fullName.substring(pkg.length() + 1) : fullName;
        Location found = null;
        List<TypeElement> scope = file.getTypes();
        TypeElement current = null;
        for (String part : name.split("\\.")) {
            TypeElement type = scope.stream().filter(t -> t.getName().equals(part)).findFirst().orElse(null);
            if (type != null) {
                current = type;
                found = type.getLocation();
                scope = type.getNestedTypes();
                continue;
            }
            Location member = member(current, part);
            if (member != null) {
                found = member;
            }
            break;
        }
        return found == null || found.getLine() < 0 ? null : found.getLine() + ":" + found.getColumn();
    }

    private static Location member(TypeElement type, String name) {
        if (type instanceof MessageElement message) {
            for (FieldElement field : message.getFields()) {
                if (field.getName().equals(name)) {
                    return field.getLocation();
                }
            }
            for (OneOfElement oneOf : message.getOneOfs()) {
                for (FieldElement field : oneOf.getFields()) {
                    if (field.getName().equals(name)) {
                        return field.getLocation();
                    }
                }
            }
        } else if (type instanceof EnumElement enumType) {
            for (EnumConstantElement constant : enumType.getConstants()) {
                if (constant.getName().equals(name)) {
                    return constant.getLocation();
                }
            }
        }
        return null;
    }
}
