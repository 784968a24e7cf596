package dev.ferry.schema.avro;

import java.util.Map;

/**
 * What a user can do about Apache Avro's most frequent parse complaints. Avro says what is wrong but not how to
 * mend it; the registry's 42201 answer should do both.
 */
final class AvroFixHints {

    private AvroFixHints() {
    }

    static String hintFor(String avroMessage, Map<String, String> referenced) {
        String m = avroMessage.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("undefined name") || m.contains("undefined schema") || m.contains("is not a defined name")) {
            return referenced.isEmpty()
                    ? "Define that type earlier in this schema, or declare a reference to the schema that defines it "
                            + "(references: [{\"name\": <full type name>, \"subject\": ..., \"version\": ...}])."
                    : "Define that type in this schema or add a reference to the schema that defines it; the "
                            + "references given define " + referencedNames(referenced) + ".";
        }
        if (m.contains("must be a primitive type")) {
            return "Use a primitive type (null, boolean, int, long, float, double, bytes, string), a complex type "
                    + "(record, enum, array, map, fixed) or the name of a type defined earlier or referenced.";
        }
        if (m.contains("invalid default")) {
            return "Give the field a default of its type (for a union, a value of the union's first branch), or "
                    + "drop the default.";
        }
        if (m.contains("no type") || m.contains("not a defined name")) {
            return "Every field needs a \"type\" naming a primitive type, a defined named type or a complex type.";
        }
        if (m.contains("illegal character") || m.contains("illegal initial character") || m.contains("empty name")) {
            return "Avro names start with a letter or '_' and contain only letters, digits and '_'.";
        }
        if (m.contains("can't redefine") || m.contains("duplicate")) {
            return "Each named type and each field name may be defined once; rename or remove the duplicate.";
        }
        if (m.contains("jsonparseexception") || m.contains("unexpected") || m.contains("unrecognized token")
                || m.contains("was expecting") || m.contains("line:")) {
            return "The schema is not well-formed JSON; fix the JSON at the line and column given.";
        }
        return "Fix the schema as the message says; see the Avro specification (https://avro.apache.org/docs/"
                + "current/specification/).";
    }

    private static String referencedNames(Map<String, String> referenced) {
        return String.join(", ", referenced.keySet());
    }
}
