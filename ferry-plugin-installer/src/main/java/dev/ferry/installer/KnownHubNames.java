package dev.ferry.installer;

import java.util.Map;
import java.util.Optional;

/**
 * Confluent Hub names people copy from Dockerfiles written for the cp image, and what they mean on Ferry: either
 * Ferry bundles an equivalent already (the Confluent class names resolve to it), or the component is published on
 * Maven Central as a plugin archive, which the installer takes instead of the unreachable Hub.
 */
final class KnownHubNames {

    /** What a known name maps to: a message when bundled, or the Maven coordinate for a version. */
    sealed interface Mapping permits Bundled, OnMaven {
    }

    record Bundled(String what) implements Mapping {
    }

    /** {@code coordinate} holds {@code %s} where the version goes. */
    record OnMaven(String coordinate) implements Mapping {
        String forVersion(String hubVersion) {
            return coordinate.formatted(mavenVersion(hubVersion));
        }
    }

    private static final String CONVERTERS = "Ferry bundles Avro, Protobuf and JSON Schema converters "
            + "(plugins/ferry-converters); Confluent's class names (io.confluent.connect.avro.AvroConverter, ...) "
            + "resolve to them, with the same schema.registry.url settings";

    private static final Map<String, Mapping> NAMES = Map.ofEntries(
            Map.entry("confluentinc/kafka-connect-jdbc", new Bundled("Ferry bundles JDBC source and sink "
                    + "connectors (plugins/ferry-jdbc) that take Confluent's connector classes "
                    + "io.confluent.connect.jdbc.JdbcSourceConnector/JdbcSinkConnector and their settings, with the "
                    + "PostgreSQL and MariaDB drivers (docs/JDBC.md)")),
            Map.entry("confluentinc/kafka-connect-avro-converter", new Bundled(CONVERTERS)),
            Map.entry("confluentinc/kafka-connect-protobuf-converter", new Bundled(CONVERTERS)),
            Map.entry("confluentinc/kafka-connect-json-schema-converter", new Bundled(CONVERTERS)),
            Map.entry("debezium/debezium-connector-postgresql",
                    new OnMaven("io.debezium:debezium-connector-postgres:%s:tar.gz:plugin")),
            Map.entry("debezium/debezium-connector-mysql",
                    new OnMaven("io.debezium:debezium-connector-mysql:%s:tar.gz:plugin")),
            Map.entry("debezium/debezium-connector-sqlserver",
                    new OnMaven("io.debezium:debezium-connector-sqlserver:%s:tar.gz:plugin")),
            Map.entry("debezium/debezium-connector-mongodb",
                    new OnMaven("io.debezium:debezium-connector-mongodb:%s:tar.gz:plugin")));

    private KnownHubNames() {
    }

    static Optional<Mapping> lookup(String owner, String name) {
        return Optional.ofNullable(NAMES.get(owner + "/" + name));
    }

    /** Hub versions of Debezium are plain ({@code 3.6.1}); Maven's carry the qualifier ({@code 3.6.1.Final}). */
    static String mavenVersion(String hubVersion) {
        return hubVersion.matches("\\d+\\.\\d+\\.\\d+") ? hubVersion + ".Final" : hubVersion;
    }
}
