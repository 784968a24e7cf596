package dev.ferry.jdbc.source;

import dev.ferry.jdbc.dialect.TableId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source partitions records carry, in Confluent's shapes, so that offsets a connector stored under Confluent's
 * JDBC source are found by Ferry's and the other way round:
 * <ul>
 *   <li>incremental modes on a table: {@code {"protocol":"1","table":"<qualified name>"}}, the qualified name being
 *       the table's unquoted parts joined by dots as the database names them: {@code schema.table} for PostgreSQL
 *       (the catalog, which only repeats the connected database, is left out, as Confluent's connector does since
 *       pgjdbc 42.7.5 began reporting it), {@code database.table} for MySQL and MariaDB;</li>
 *   <li>the older protocol-0 form {@code {"table":"<bare name>"}}, read when no protocol-1 offset exists (offsets
 *       written before Confluent's 10.0), and still what bulk mode's records carry (they have no offset);</li>
 *   <li>a custom query: {@code {"query":"query"}}.</li>
 * </ul>
 */
final class SourcePartitions {

    static final String TABLE_KEY = "table";
    static final String PROTOCOL_KEY = "protocol";
    static final String PROTOCOL_ONE = "1";
    static final String QUERY_KEY = "query";
    static final String QUERY_VALUE = "query";

    private SourcePartitions() {
    }

    /**
     * A HashMap, as Confluent's connector builds it: the runtime finds a stored offset by the exact bytes of its
     * JSON key, whose key order is the map's iteration order; a HashMap's order of these two keys is fixed
     * (protocol, then table), while {@code Map.of}'s changes from one JVM to the next.
     */
    static Map<String, String> forTable(TableId table) {
        Map<String, String> partition = new HashMap<>(4);
        partition.put(PROTOCOL_KEY, PROTOCOL_ONE);
        partition.put(TABLE_KEY, table.qualifiedName());
        return partition;
    }

    static Map<String, String> legacyForTable(TableId table) {
        return Map.of(TABLE_KEY, table.table());
    }

    /** The partitions an offset for {@code table} may be stored under, the current form first. */
    static List<Map<String, String>> candidates(TableId table) {
        return List.of(forTable(table), legacyForTable(table));
    }

    static Map<String, String> forQuery() {
        return Map.of(QUERY_KEY, QUERY_VALUE);
    }
}
