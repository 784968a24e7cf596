package dev.ferry.converters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.converters.avro.AvroConverter;
import dev.ferry.converters.json.JsonSchemaConverter;
import dev.ferry.converters.protobuf.ProtobufConverter;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every format's converter does the same way, through {@link RegistryConverter}. */
class RegistryConverterTest {

    static final Schema POINT = SchemaBuilder.struct().name("dev.ferry.test.Point").field("x", Schema.INT32_SCHEMA)
            .build();

    static Stream<Arguments> converters() {
        return Stream.of(
                Arguments.of("Avro", (Supplier<RegistryConverter>) AvroConverter::new, "enhanced.avro.schema.support"),
                Arguments.of("Protobuf", (Supplier<RegistryConverter>) ProtobufConverter::new,
                        "enhanced.protobuf.schema.support"),
                Arguments.of("JSON Schema", (Supplier<RegistryConverter>) JsonSchemaConverter::new,
                        "json.fail.invalid.schema"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converters")
    void configDeclaresTheRegistryAndSerdeKeysBesideTheFormatsOwnOnEveryCall(String format,
            Supplier<RegistryConverter> create, String formatKey) {
        RegistryConverter converter = create.get();
        converter.config();

        assertThat(converter.config().names()).contains("schema.registry.url", "auto.register.schemas",
                "use.latest.version", "value.subject.name.strategy", "basic.auth.user.info", "max.retries",
                "schemas.cache.config", formatKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converters")
    void configureWithoutARegistryUrlFailsNamingTheKey(String format, Supplier<RegistryConverter> create,
            String formatKey) {
        assertThatThrownBy(() -> create.get().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converters")
    void nullIsATombstoneBothWaysWithoutAskingTheRegistry(String format, Supplier<RegistryConverter> create,
            String formatKey) throws IOException {
        RegistryConverter converter = create.get();
        converter.configure(Map.of("schema.registry.url", unusedUrl(), "max.retries", "0"), false);

        assertThat(converter.fromConnectData("tombstones", POINT, null)).isNull();
        assertThat(converter.fromConnectData("tombstones", null, null)).isNull();
        assertThat(converter.toConnectData("tombstones", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("converters")
    void anUnreachableRegistryIsRetriableAndNamesTheUrlTheTopicAndTheId(String format,
            Supplier<RegistryConverter> create, String formatKey) throws IOException {
        String down = unusedUrl();
        RegistryConverter converter = create.get();
        converter.configure(Map.of("schema.registry.url", down, "max.retries", "0"), false);

        assertThatThrownBy(() -> converter.fromConnectData("down", POINT, new Struct(POINT).put("x", 1)))
                .isInstanceOf(RetriableException.class).hasMessageContaining(down)
                .hasMessageContaining(format + " converter").hasMessageContaining("topic down");
        assertThatThrownBy(() -> converter.toConnectData("down", HexFormat.of().parseHex("00000000010002")))
                .isInstanceOf(RetriableException.class).hasMessageContaining(down)
                .hasMessageContaining("schema id 1");
    }

    private static String unusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
