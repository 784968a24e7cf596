package dev.ferry.converters.avro;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Structural equality of Connect schemas that terminates on recursive schemas (a pair already being compared
 * counts as equal until proven otherwise). Used to find which branch of a union struct an Avro record belongs to.
 */
final class ConnectSchemaEquality {

    private ConnectSchemaEquality() {
    }

    static boolean equal(Schema one, Schema two) {
        return equal(one, two, new HashMap<>());
    }

    private static boolean equal(Schema one, Schema two, Map<Pair, Boolean> seen) {
        if (one == two) {
            return true;
        }
        if (one == null || two == null) {
            return false;
        }
        Pair pair = new Pair(one, two);
        Boolean known = seen.putIfAbsent(pair, Boolean.TRUE);
        if (known != null) {
            return known;
        }
        boolean equal = one.isOptional() == two.isOptional()
                && Objects.equals(one.version(), two.version())
                && Objects.equals(one.name(), two.name())
                && Objects.equals(one.doc(), two.doc())
                && one.type() == two.type()
                && Objects.deepEquals(one.defaultValue(), two.defaultValue())
                && Objects.equals(one.parameters(), two.parameters());
        if (equal) {
            switch (one.type()) {
                case STRUCT:
                    equal = fieldsEqual(one.fields(), two.fields(), seen);
                    break;
                case ARRAY:
                    equal = equal(one.valueSchema(), two.valueSchema(), seen);
                    break;
                case MAP:
                    equal = equal(one.keySchema(), two.keySchema(), seen) && equal(one.valueSchema(), two.valueSchema(), seen);
                    break;
                default:
                    break;
            }
        }
        seen.put(pair, equal);
        return equal;
    }

    private static boolean fieldsEqual(List<Field> one, List<Field> two, Map<Pair, Boolean> seen) {
        if (one.size() != two.size()) {
            return false;
        }
        for (int i = 0; i < one.size(); i++) {
            Field a = one.get(i);
            Field b = two.get(i);
            if (a.index() != b.index() || !a.name().equals(b.name()) || !equal(a.schema(), b.schema(), seen)) {
                return false;
            }
        }
        return true;
    }

    /** Two schemas by identity: equality must not recurse into them. */
    private static final class Pair {
        private final Schema one;
        private final Schema two;

        Pair(Schema one, Schema two) {
            this.one = one;
            this.two = two;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair && ((Pair) o).one == one && ((Pair) o).two == two;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(one) + System.identityHashCode(two);
        }
    }
}
