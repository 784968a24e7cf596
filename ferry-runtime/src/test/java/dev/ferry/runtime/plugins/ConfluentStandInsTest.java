package dev.ferry.runtime.plugins;

import dev.ferry.runtime.model.PluginType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.ferry.runtime.plugins.PluginFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connector config written for the cp-kafka-connect image names Confluent's converter classes; Ferry answers
 * with its bundled stand-ins unless the user installed Confluent's own jar.
 */
class ConfluentStandInsTest {

    private static final String FERRY_AVRO = "dev.ferry.converters.avro.AvroConverter";
    private static final String CONFLUENT_AVRO = "io.confluent.connect.avro.AvroConverter";

    @TempDir
    Path dir;

    @Test
    void confluentClassName_resolvesToFerrysBundledConverter_whenConfluentsIsNotInstalled() {
        Path bundled = bundledConverters();

        try (Plugins plugins = Plugins.discover(List.of(), List.of(bundled), PluginDiscovery.HYBRID_WARN)) {
            assertThat(plugins.pluginClass(CONFLUENT_AVRO, PluginType.CONVERTER, null).getName()).isEqualTo(FERRY_AVRO);
        }
    }

    @Test
    void confluentsOwnJar_onThePluginPath_winsOverFerrysStandIn() {
        Path bundled = bundledConverters();
        Path userPath = dir.resolve("user-plugins");
        Path confluent = PluginFixtures.compile(dir.resolve("confluent-classes"), List.of(),
                Map.of(CONFLUENT_AVRO, converterSource("io.confluent.connect.avro", "confluent")));
        PluginFixtures.jar(userPath.resolve("confluent-avro").resolve("avro-converter.jar"), confluent);

        try (Plugins plugins = Plugins.discover(List.of(userPath), List.of(bundled), PluginDiscovery.HYBRID_WARN)) {
            assertThat(plugins.pluginClass(CONFLUENT_AVRO, PluginType.CONVERTER, null).getName()).isEqualTo(CONFLUENT_AVRO);
            assertThat(plugins.pluginClass(FERRY_AVRO, PluginType.CONVERTER, null).getName()).isEqualTo(FERRY_AVRO);
        }
    }

    private Path bundledConverters() {
        Path classes = PluginFixtures.compile(dir.resolve("ferry-classes"), List.of(),
                Map.of(FERRY_AVRO, converterSource("dev.ferry.converters.avro", "ferry")));
        PluginFixtures.writeManifests(classes, Map.of("org.apache.kafka.connect.storage.Converter", List.of(FERRY_AVRO)));
        Path bundled = dir.resolve("bundled");
        PluginFixtures.jar(bundled.resolve("ferry-converters").resolve("ferry-converters.jar"), classes);
        return bundled;
    }

    private static String converterSource(String pkg, String version) {
        return lines(
                "package " + pkg + ";",
                "import java.util.Map;",
                "import org.apache.kafka.connect.data.Schema;",
                "import org.apache.kafka.connect.data.SchemaAndValue;",
                "import org.apache.kafka.connect.storage.Converter;",
                "public class AvroConverter implements Converter {",
                "    public String version() { return \"" + version + "\"; }",
                "    @Override public void configure(Map<String, ?> configs, boolean isKey) { }",
                "    @Override public byte[] fromConnectData(String topic, Schema schema, Object value) { return null; }",
                "    @Override public SchemaAndValue toConnectData(String topic, byte[] value) { return SchemaAndValue.NULL; }",
                "}");
    }
}
