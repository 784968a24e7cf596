package dev.ferry.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares Apache's and Ferry's answers to one step of the differential REST suite and lists every
 * difference, each with the step's name and where it is ({@code status}, {@code header content-type},
 * {@code body.tasks[0].state}, ...):
 * <ul>
 *   <li>the status code;</li>
 *   <li>the headers a client reads: the set of header names, and the values of
 *       {@link #VALUE_HEADERS}; {@link #TRANSPORT_HEADERS} are left out, as the HTTP stack (Jetty's
 *       version, the clock, chunked or sized bodies) decides them and no Connect client reads them;</li>
 *   <li>the body: JSON or not; then recursively the field names of every object and the kind of
 *       every value (string, number, boolean, array, object, null), the length and elements of
 *       every array (for arrays a step matches by key: the elements each lists, and the order of
 *       those both list), and every scalar value except those of {@link #FREE_TEXT_FIELDS}.</li>
 * </ul>
 * Nothing is forgiven here: the deliberate differences are {@link DeliberateDifferences}' business.
 */
final class ResponseComparator {
    /** Decided by the HTTP server and the moment, not by the API. */
    static final Set<String> TRANSPORT_HEADERS = Set.of("date", "server", "content-length", "transfer-encoding",
            "connection", "keep-alive");
    /** Headers whose values are part of the API. */
    static final Set<String> VALUE_HEADERS = Set.of("content-type", "location", "allow");
    /**
     * Fields whose values are prose or moments (error messages, validation errors, stack traces, the
     * build's commit id, when a log level changed): their kind (and the number of validation errors)
     * is compared, their text is not.
     */
    static final Set<String> FREE_TEXT_FIELDS = Set.of("message", "errors", "trace", "commit", "last_modified");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResponseComparator() {
    }

    /** One way in which Ferry's answer differs from Apache's. */
    record Difference(String step, String where, String apache, String ferry) {
        @Override
        public String toString() {
            return "step '" + step + "', " + where + ": Apache " + apache + ", Ferry " + ferry;
        }
    }

    static List<Difference> compare(DifferentialStep step, RestAnswer apache, RestAnswer ferry) {
        List<Difference> out = new ArrayList<>();
        if (apache.status() != ferry.status()) {
            out.add(new Difference(step.name, "status", String.valueOf(apache.status()), String.valueOf(ferry.status())));
        }
        compareHeaders(step, apache, ferry, out);
        if (step.method.equals("OPTIONS")) {
            compareMethodLists(step, apache.body(), ferry.body(), out);
        } else {
            compareBodies(step, apache.body(), ferry.body(), out);
        }
        return out;
    }

    private static void compareHeaders(DifferentialStep step, RestAnswer apache, RestAnswer ferry, List<Difference> out) {
        Set<String> names = new TreeSet<>(apache.headers().keySet());
        names.addAll(ferry.headers().keySet());
        names.removeAll(TRANSPORT_HEADERS);
        for (String name : names) {
            List<String> a = apache.headers().get(name);
            List<String> f = ferry.headers().get(name);
            if (a == null || f == null) {
                out.add(new Difference(step.name, "header " + name, a == null ? "sends none" : "sends " + a,
                        f == null ? "sends none" : "sends " + f));
            } else if (VALUE_HEADERS.contains(name) && !normalizedHeader(name, a).equals(normalizedHeader(name, f))) {
                out.add(new Difference(step.name, "header " + name, a.toString(), f.toString()));
            }
        }
    }

    /** Allow lists the same methods in any order; Content-Type and Location are compared as sent. */
    private static Object normalizedHeader(String name, List<String> values) {
        if (!name.equals("allow")) {
            return values;
        }
        Set<String> methods = new TreeSet<>();
        for (String value : values) {
            methods.addAll(methods(value));
        }
        return methods;
    }

    /**
     * An OPTIONS body repeats the Allow header's methods, and Apache's Jersey lists them in an order
     * that changes from one JVM start to the next (its resource methods come from reflection), so
     * the two bodies are compared as sets of methods.
     */
    private static void compareMethodLists(DifferentialStep step, String apache, String ferry, List<Difference> out) {
        Set<String> a = methods(apache == null ? "" : apache);
        Set<String> f = methods(ferry == null ? "" : ferry);
        if (!a.equals(f)) {
            out.add(new Difference(step.name, "body", "lists methods " + a, "lists methods " + f));
        }
    }

    private static Set<String> methods(String list) {
        Set<String> methods = new TreeSet<>();
        for (String method : list.split(",")) {
            if (!method.isBlank()) {
                methods.add(method.trim());
            }
        }
        return methods;
    }

    private static void compareBodies(DifferentialStep step, String apache, String ferry, List<Difference> out) {
        JsonNode a = parse(apache);
        JsonNode f = parse(ferry);
        if (a == null || f == null) {
            String aKind = describeRaw(apache, a);
            String fKind = describeRaw(ferry, f);
            if (!aKind.equals(fKind)) {
                out.add(new Difference(step.name, "body", aKind, fKind));
            }
            return;
        }
        new NodeComparison(step, out).compare("body", "", a, f);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describeRaw(String body, JsonNode parsed) {
        if (body == null || body.isBlank()) {
            return "no body";
        }
        return parsed != null ? "JSON " + kind(parsed) : "non-JSON body " + abbreviate(body);
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return "'" + (oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine) + "'";
    }

    /** Walks two JSON trees side by side; {@code shape} is the path without indices, for the step's rules. */
    private record NodeComparison(DifferentialStep step, List<Difference> out) {

        void compare(String where, String shape, JsonNode a, JsonNode f) {
            String aKind = kind(a);
            String fKind = kind(f);
            if (!aKind.equals(fKind)) {
                out.add(new Difference(step.name, where, aKind + " " + abbreviate(a.toString()),
                        fKind + " " + abbreviate(f.toString())));
                return;
            }
            if (a.isObject()) {
                compareObjects(where, shape, a, f);
            } else if (a.isArray()) {
                compareArrays(where, shape, a, f);
            } else if (!FREE_TEXT_FIELDS.contains(lastField(shape)) && step.comparesValuesAt(shape) && !sameScalar(a, f)) {
                out.add(new Difference(step.name, where, a.toString(), f.toString()));
            }
        }

        private void compareObjects(String where, String shape, JsonNode a, JsonNode f) {
            boolean open = step.openKeys.contains(shape);
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            f.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode av = a.get(name);
                JsonNode fv = f.get(name);
                String childWhere = where + "." + name;
                String childShape = open ? shape + ".*" : shape.isEmpty() ? name : shape + "." + name;
                if (av == null || fv == null) {
                    if (!open) {
                        out.add(new Difference(step.name, childWhere,
                                av == null ? "has no such field" : "has " + kind(av) + " " + abbreviate(av.toString()),
                                fv == null ? "has no such field" : "has " + kind(fv) + " " + abbreviate(fv.toString())));
                    }
                } else {
                    compare(childWhere, childShape, av, fv);
                }
            }
        }

        private void compareArrays(String where, String shape, JsonNode a, JsonNode f) {
            String key = step.keyedArrays.get(shape);
            String elementShape = shape + "[]";
            if (key == null) {
                if (a.size() != f.size()) {
                    out.add(new Difference(step.name, where + " length", a.size() + " " + abbreviate(a.toString()),
                            f.size() + " " + abbreviate(f.toString())));
                }
                for (int i = 0; i < Math.min(a.size(), f.size()); i++) {
                    compare(where + "[" + i + "]", elementShape, a.get(i), f.get(i));
                }
                return;
            }
            Map<String, JsonNode> byKeyA = byKey(a, key);
            Map<String, JsonNode> byKeyF = byKey(f, key);
            Set<String> keys = new LinkedHashSet<>(byKeyA.keySet());
            keys.addAll(byKeyF.keySet());
            List<String> orderA = new ArrayList<>(byKeyA.keySet());
            List<String> orderF = new ArrayList<>(byKeyF.keySet());
            orderA.retainAll(byKeyF.keySet());
            orderF.retainAll(byKeyA.keySet());
            if (!orderA.equals(orderF)) {
                out.add(new Difference(step.name, where + " order", abbreviate(orderA.toString()),
                        abbreviate(orderF.toString())));
            }
            for (String k : keys) {
                JsonNode av = byKeyA.get(k);
                JsonNode fv = byKeyF.get(k);
                String childWhere = where + "[" + key + "=" + k + "]";
                if (av == null || fv == null) {
                    out.add(new Difference(step.name, childWhere, av == null ? "lists no such element" : "lists it",
                            fv == null ? "lists no such element" : "lists it"));
                } else {
                    compare(childWhere, elementShape, av, fv);
                }
            }
        }

        /** Elements by key; a key of several fields joins them with {@code +}; a repeated key gets a #n suffix. */
        private static Map<String, JsonNode> byKey(JsonNode array, String key) {
            Map<String, JsonNode> result = new LinkedHashMap<>();
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                JsonNode element = it.next();
                List<String> parts = new ArrayList<>();
                for (String field : key.split("\\+")) {
                    JsonNode k = field.equals(".") ? element : element.at("/" + field.replace(".", "/"));
                    parts.add(k.isValueNode() ? k.asText() : k.toString());
                }
                String joined = String.join("+", parts);
                String unique = joined;
                for (int n = 2; result.containsKey(unique); n++) {
                    unique = joined + "#" + n;
                }
                result.put(unique, element);
            }
            return result;
        }

        /** 1 and 1.0 are the same number to a JSON client. */
        private static boolean sameScalar(JsonNode a, JsonNode f) {
            return a.isNumber() && f.isNumber() ? a.decimalValue().compareTo(f.decimalValue()) == 0 : a.equals(f);
        }

        /** The field a value sits in; for an element of an array, the array's field ({@code errors[]}: errors). */
        private static String lastField(String shape) {
            int dot = shape.lastIndexOf('.');
            String last = dot < 0 ? shape : shape.substring(dot + 1);
            return last.endsWith("[]") ? last.substring(0, last.length() - 2) : last;
        }
    }
}
