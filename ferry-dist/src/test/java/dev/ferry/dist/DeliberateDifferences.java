package dev.ferry.dist;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The differences between Ferry's REST answers and Apache's that are on purpose, each with its
 * reason: the one place the differential suite forgives a difference, mirrored by the table
 * "Where Ferry answers differently from Apache" in {@code docs/REST.md}. A difference the
 * {@link ResponseComparator} finds and no entry here explains fails the suite.
 */
final class DeliberateDifferences {

    /** Which of the suite's two runs an entry applies to. */
    enum Mode { STANDALONE, DISTRIBUTED, BOTH }

    /**
     * One deliberate difference: the steps and places ({@code *} matches anything) where it shows,
     * in which mode, and why Ferry answers so.
     */
    record Entry(Mode mode, String steps, String where, String reason) {
        /** {@code steps} and {@code where} may each list alternatives separated by {@code |}. */
        boolean explains(Mode run, ResponseComparator.Difference difference) {
            return (mode == Mode.BOTH || mode == run) && matchesAny(steps, difference.step())
                    && matchesAny(where, difference.where());
        }

        private static boolean matchesAny(String globs, String text) {
            for (String glob : globs.split("\\|")) {
                if (glob(glob.trim()).matcher(text).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static Pattern glob(String glob) {
            StringBuilder regex = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** Where a 400-instead-of-500 shows: the status and the body's error code. */
    private static final String STATUS = "status|body.error_code";

    static final List<Entry> ENTRIES = List.of(
            new Entry(Mode.BOTH, "create with malformed JSON|create with an empty body*|create without a config"
                    + "|PUT a config with malformed JSON|validate with malformed JSON|alter offsets with malformed JSON",
                    STATUS, "A body that is not JSON of the expected shape is a client mistake: Ferry answers 400 naming "
                    + "the problem and an example, Apache 500 with Jackson's parser or mapping error (or a "
                    + "NullPointerException for a missing config)"),
            new Entry(Mode.BOTH, "create with an invalid initial state", STATUS,
                    "Ferry answers 400 listing the valid states; Apache 500 from Jackson's enum mapping"),
            new Entry(Mode.BOTH, "validate without a connector class", STATUS,
                    "Ferry answers 400 saying which connector.class to add; Apache 500 wrapping a BadRequestException"),
            new Entry(Mode.BOTH, "validate an unknown plugin", STATUS,
                    "Ferry answers 400 naming the class that is not installed; Apache 500 wrapping the lookup failure"),
            new Entry(Mode.BOTH, "set an invalid level", STATUS,
                    "Ferry answers 400 listing the valid levels; Apache 404"),
            new Entry(Mode.STANDALONE, "restart an unknown connector|restart a task of an unknown connector"
                    + "|stop an unknown connector", STATUS,
                    "Ferry answers 404 for a connector that does not exist, as for every other request about one; "
                    + "Apache's standalone worker answers 500 (a NullPointerException, 'No connector ... configured', "
                    + "'not a recognizable type')"),
            new Entry(Mode.BOTH, "info of the connector whose name has a slash",
                    "status|header cache-control|header content-type|body*",
                    "Both accept a connector name with a '/', but Apache's Jetty refuses every path with an encoded "
                    + "slash (%2F) with its HTML page '400 Ambiguous URI path separator', so such a connector cannot "
                    + "be read, changed or deleted there; Ferry serves the path"),
            new Entry(Mode.BOTH, "connector list*", "body order",
                    "Ferry lists connectors sorted by name; Apache in the order of its HashMap of names, which "
                    + "changes with the set of names"),
            new Entry(Mode.BOTH, "*", "*.documentation",
                    "Ferry's config documentation is written in its own words (Apache's text is not copied); "
                    + "names, types, defaults, groups and order are Apache's"),
            new Entry(Mode.BOTH, "validate*", "*recommended_values[.=dev.ferry.*]",
                    "Ferry bundles its own Avro/Protobuf/JSON Schema converters, which are recommended with the others"),
            new Entry(Mode.BOTH, "connector plugins*|all plugins", "body[class+type=dev.ferry.*]",
                    "Ferry bundles its own JDBC connectors and Avro/Protobuf/JSON Schema converters as plugins"),
            new Entry(Mode.BOTH, "connector plugins*|all plugins", "body[class+type=org.apache.kafka.connect.mirror.*]",
                    "Not a difference of Ferry's: Apache's distribution has connect-mirror in libs/ and lists the "
                    + "same three MirrorMaker 2 connectors; the test's Apache worker runs without that jar")
    );

    private DeliberateDifferences() {
    }

    /** The entry that explains {@code difference} in run {@code mode}, if any. */
    static Optional<Entry> explain(Mode mode, ResponseComparator.Difference difference) {
        return ENTRIES.stream().filter(e -> e.explains(mode, difference)).findFirst();
    }
}
