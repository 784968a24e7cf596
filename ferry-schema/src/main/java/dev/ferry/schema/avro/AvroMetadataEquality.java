package dev.ferry.schema.avro;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Whether two Avro schemas that Avro's {@code equals} finds equal also carry the same documentation and aliases,
 * which Avro's {@code equals} ignores but Confluent counts: a schema whose only change is a field's doc is a new
 * schema version there.
 */
final class AvroMetadataEquality {

    private AvroMetadataEquality() {
    }

    static boolean sameDocsAndAliases(Schema a, Schema b) {
        return same(a, b, new IdentityHashMap<>());
    }

    private static boolean same(Schema a, Schema b, Map<Schema, Schema> visiting) {
        if (a == b) {
            return true;
        }
        if (a.getType() != b.getType()) {
            return false;
        }
        switch (a.getType()) {
            case RECORD -> {
                // A recursive record meets itself again; the pair is being compared further up.
                if (visiting.get(a) == b) {
                    return true;
                }
                visiting.put(a, b);
                return Objects.equals(a.getAliases(), b.getAliases()) && Objects.equals(a.getDoc(), b.getDoc())
                        && sameFields(a.getFields(), b.getFields(), visiting);
            }
            case ENUM -> {
                return Objects.equals(a.getAliases(), b.getAliases()) && Objects.equals(a.getDoc(), b.getDoc())
                        && Objects.equals(a.getEnumDefault(), b.getEnumDefault());
            }
            case FIXED -> {
                return Objects.equals(a.getAliases(), b.getAliases()) && Objects.equals(a.getDoc(), b.getDoc());
            }
            case ARRAY -> {
                return same(a.getElementType(), b.getElementType(), visiting);
            }
            case MAP -> {
                return same(a.getValueType(), b.getValueType(), visiting);
            }
            case UNION -> {
                List<Schema> ta = a.getTypes();
                List<Schema> tb = b.getTypes();
                if (ta.size() != tb.size()) {
                    return false;
                }
                for (int i = 0; i < ta.size(); i++) {
                    if (!same(ta.get(i), tb.get(i), visiting)) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private static boolean sameFields(List<Schema.Field> fa, List<Schema.Field> fb, Map<Schema, Schema> visiting) {
        if (fa.size() != fb.size()) {
            return false;
        }
        for (int i = 0; i < fa.size(); i++) {
            Schema.Field x = fa.get(i);
            Schema.Field y = fb.get(i);
            if (!Objects.equals(x.aliases(), y.aliases()) || !Objects.equals(x.doc(), y.doc())
                    || !same(x.schema(), y.schema(), visiting)) {
                return false;
            }
        }
        return true;
    }
}
