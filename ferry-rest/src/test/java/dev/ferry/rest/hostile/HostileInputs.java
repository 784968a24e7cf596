package dev.ferry.rest.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What a hostile or careless client sends, as jqwik generators: names and path segments made of the
 * characters that break paths and URLs, JSON that is malformed, huge, deeply nested or of the wrong
 * shape, and connector configs with odd keys and values. Each generator mixes a few hand-picked
 * worst cases (always tried early) with random ones.
 */
final class HostileInputs {
    /** Characters that mean something to a path, a URL, a shell, a file system or a terminal. */
    private static final String NASTY = "/\\.%?#&+;:=@!$'\"<>|*`~[]{}() \t\r\n\u0000\u0001\u001b\u007f\u0085\u00a0"
            + "\u2028\u202e\ufeff\uffffé日😀";

    private HostileInputs() {
    }

    /** Connector names (and other path segments) as they are meant: before any URL encoding. */
    static Arbitrary<String> names() {
        Arbitrary<String> worst = Arbitraries.of(".", "..", "../..", "../../etc/passwd", "a/b", "/", "a/../b",
                "%2e%2e", "%2F", "a%2Fb", "%", "%zz", "%00", " ", "\t", "name\nX-Injected: 1", "con", "nul.txt",
                "~", "$HOME", "${env:HOME}", "a?b=c", "a#b", ";", "\u202eevil", "\ud800", "x".repeat(300),
                "y".repeat(5000), "日本語", "😀");
        Arbitrary<String> random = Arbitraries.strings().withChars(NASTY).withCharRange('a', 'c')
                .ofMinLength(0).ofMaxLength(24);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, worst), net.jqwik.api.Tuple.of(5, random), net.jqwik.api.Tuple.of(2, unicode));
    }

    /** Task numbers and other numeric path parameters, as text. */
    static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "1", "2147483647", "2147483648", "-2147483649", "99999999999999999999",
                        "1e3", "0x10", "1.5", "", " 1", "1 ", "+1", "NaN", "٣", "01"),
                Arbitraries.integers().map(String::valueOf),
                names());
    }

    /** Request bodies: JSON of every shape, broken JSON, and sizes up to and over the body limit. */
    static Arbitrary<String> bodies() {
        Arbitrary<String> worst = Arbitraries.of("", " ", "{", "}", "[", "{\"name\":", "{\"name\":\"a\"",
                "null", "true", "1", "-0", "1e99999", "\"text\"", "[]", "{}", "{\"config\":null}",
                "{\"name\":null,\"config\":{}}", "{\"name\":{},\"config\":{}}", "{\"name\":\"a\",\"config\":[]}",
                "{\"name\":\"a\",\"config\":{\"connector.class\":null}}",
                "{\"name\":\"a\",\"config\":{\"connector.class\":{\"x\":1}}}",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"IdleSourceConnector\",\"tasks.max\":\"-1\"}}",
                "{\"name\":\"a\",\"config\":{\"connector.class\":\"IdleSourceConnector\",\"tasks.max\":1e999}}",
                "{\"name\":\"a\",\"config\":{},\"initial_state\":\"EXPLODED\"}",
                "{\"name\":\"a\",\"config\":{},\"initial_state\":[]}",
                "{\"name\":\"a\",\"name\":\"b\",\"config\":{}}",
                "{\"offsets\":[{\"partition\":null,\"offset\":null}]}", "{\"offsets\":[1]}", "{\"offsets\":{}}",
                "{\"offsets\":[{\"partition\":{\"a\":[[[]]]},\"offset\":{\"b\":1e999}}]}",
                "{\"level\":\"\"}", "{\"level\":\"NOT_A_LEVEL\"}", "{\"level\":[]}", "{\"level\":null}",
                "{\"\\ud800\":\"\\udfff\"}", "\ufeff{}", "{\"a\":\"\\u0000\"}", "{'a':1}", "{a:1}", "[1,]", "{\"a\":1,}",
                "0".repeat(5000), "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1"
                        + "}".repeat(3000), "[".repeat(200_000), "{\"name\":\"big\",\"config\":{\"v\":\""
                        + "v".repeat(990_000) + "\"}}", "{\"name\":\"bigger\",\"config\":{\"v\":\""
                        + "w".repeat(1_100_000) + "\"}}");
        Arbitrary<String> json = jsonValues(4).map(HostileInputs::render);
        Arbitrary<String> truncated = Combinators.combine(jsonValues(4).map(HostileInputs::render),
                Arbitraries.doubles().between(0, 1)).as((text, cut) -> text.substring(0, (int) (text.length() * cut)));
        Arbitrary<String> creates = Combinators.combine(names(), configs(), Arbitraries.of("", ",\"initial_state\":"
                        + "\"PAUSED\"", ",\"initial_state\":\"stopped\"", ",\"initial_state\":\"\"", ",\"extra\":1"))
                .as((name, config, tail) -> "{\"name\":" + quote(name) + ",\"config\":" + render(config) + tail + "}");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, worst), net.jqwik.api.Tuple.of(2, json),
                net.jqwik.api.Tuple.of(2, truncated), net.jqwik.api.Tuple.of(3, creates));
    }

    /** Connector configurations: the idle connector's class or junk, odd keys, values of every JSON type. */
    static Arbitrary<Map<String, Object>> configs() {
        Arbitrary<Object> value = Arbitraries.oneOf(names().map(s -> (Object) s),
                Arbitraries.strings().ofMinLength(10_000).ofMaxLength(60_000).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of((Object) true, 1.5e300, -0.0),
                jsonValues(2));
        Arbitrary<String> key = Arbitraries.oneOf(names(), Arbitraries.of("connector.class", "tasks.max", "name",
                "topics", "transforms", "predicates", "errors.tolerance", "key.converter", "config.action.reload",
                "producer.override.bootstrap.servers", "transforms.x.type", "header.converter"));
        Arbitrary<Object> connectorClass = Arbitraries.of("IdleSourceConnector",
                "dev.ferry.rest.hostile.IdleSourceConnector", "IdleSource", "", "java.lang.Runtime", "../../x");
        return Combinators.combine(connectorClass, Arbitraries.maps(key, value).ofMaxSize(6))
                .as((cls, rest) -> {
                    Map<String, Object> config = new java.util.LinkedHashMap<>(rest);
                    config.putIfAbsent("connector.class", cls);
                    return config;
                });
    }

    /** JSON values (as Java maps, lists and scalars) nested up to {@code depth}. */
    static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of((Object) true, false, 3.25e-7),
                Arbitraries.just((Object) null));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> inner = Arbitraries.lazy(() -> jsonValues(depth - 1));
        return Arbitraries.oneOf(scalar, inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), inner).ofMaxSize(4).map(m -> (Object) m));
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ":" + render(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HostileInputs::render).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }

    /** A JSON string literal; lone surrogates are written as escapes, which is what makes them hostile. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Percent-encodes every byte outside RFC 3986's unreserved characters, as encodeURIComponent does. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
