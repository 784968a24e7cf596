package dev.ferry.runtime.converters;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrimitiveConvertersTest {

    /** converter, a sample value, its schema, its serialized size, and a value of the wrong type. */
    static Stream<Arguments> converters() {
        return Stream.of(
                Arguments.of(new BooleanConverter(), true, Schema.OPTIONAL_BOOLEAN_SCHEMA, 1, "true"),
                Arguments.of(new ShortConverter(), (short) -12345, Schema.OPTIONAL_INT16_SCHEMA, 2, 1),
                Arguments.of(new IntegerConverter(), 123_456_789, Schema.OPTIONAL_INT32_SCHEMA, 4, 1L),
                Arguments.of(new LongConverter(), Long.MIN_VALUE, Schema.OPTIONAL_INT64_SCHEMA, 8, 1),
                Arguments.of(new FloatConverter(), 3.25f, Schema.OPTIONAL_FLOAT32_SCHEMA, 4, 3.25d),
                Arguments.of(new DoubleConverter(), -0.125d, Schema.OPTIONAL_FLOAT64_SCHEMA, 8, 1.0f));
    }

    @ParameterizedTest
    @MethodSource("converters")
    void value_roundTripsThroughBytes_withTheOptionalSchemaOfItsType(PrimitiveConverter<?> converter, Object value,
                                                                      Schema schema, int size, Object wrong) {
        converter.configure(Map.of(), false);

        byte[] bytes = converter.fromConnectData("topic", schema, value);
        SchemaAndValue back = converter.toConnectData("topic", bytes);

        assertThat(bytes).hasSize(size);
        assertThat(back.value()).isEqualTo(value);
        assertThat(back.schema()).isEqualTo(schema);
    }

    @ParameterizedTest
    @MethodSource("converters")
    void null_convertsToNull_bothWays(PrimitiveConverter<?> converter, Object value, Schema schema, int size, Object wrong) {
        converter.configure(Map.of(), true);

        assertThat(converter.fromConnectData("topic", schema, null)).isNull();
        assertThat(converter.fromConnectData("topic", null, null)).isNull();
        assertThat(converter.toConnectData("topic", null)).isEqualTo(new SchemaAndValue(schema, null));
    }

    @ParameterizedTest
    @MethodSource("converters")
    void headers_useTheSameEncoding(PrimitiveConverter<?> converter, Object value, Schema schema, int size, Object wrong) {
        HeaderConverter headers = converter;
        headers.configure(Map.of("converter.type", "header"));

        byte[] bytes = headers.fromConnectHeader("topic", "h", schema, value);

        assertThat(bytes).isEqualTo(((Converter) converter).fromConnectData("topic", schema, value));
        assertThat(headers.toConnectHeader("topic", "h", bytes).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("converters")
    void valueOfAnotherType_isRejectedNamingBothTypes(PrimitiveConverter<?> converter, Object value, Schema schema,
                                                      int size, Object wrong) {
        assertThatThrownBy(() -> converter.fromConnectData("orders", null, wrong))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(value.getClass().getName())
                .hasMessageContaining(wrong.getClass().getName())
                .hasMessageContaining("orders");
    }

    @ParameterizedTest
    @MethodSource("converters")
    void bytesOfTheWrongLength_areRejected(PrimitiveConverter<?> converter, Object value, Schema schema, int size,
                                           Object wrong) {
        assertThatThrownBy(() -> converter.toConnectData("orders", new byte[size + 1]))
                .isInstanceOf(DataException.class)
                .hasMessageContaining((size + 1) + " bytes")
                .hasMessageContaining("different converter");
    }

    @ParameterizedTest
    @MethodSource("converters")
    void configureWithoutConverterType_isAConfigError(PrimitiveConverter<?> converter, Object value, Schema schema,
                                                      int size, Object wrong) {
        assertThatThrownBy(() -> converter.configure(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("converter.type");
        assertThat(converter.config().names()).containsExactly("converter.type");
        assertThat(converter.version()).isEqualTo(AppInfoParser.getVersion());
    }

    @Test
    void booleanConverter_refusesANonBooleanSchema() {
        assertThatThrownBy(() -> new BooleanConverter().fromConnectData("t", Schema.INT8_SCHEMA, true))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("BOOLEAN")
                .hasMessageContaining("INT8");
    }

    @Test
    void booleanConverter_writesOneForTrueAndZeroForFalse() {
        BooleanConverter converter = new BooleanConverter();

        assertThat(converter.fromConnectData("t", null, true)).containsExactly(1);
        assertThat(converter.fromConnectData("t", null, false)).containsExactly(0);
    }

    @Test
    void numberConverters_writeBigEndianLikeKafkasSerializers() {
        assertThat(new IntegerConverter().fromConnectData("t", null, 0x01020304)).containsExactly(1, 2, 3, 4);
        assertThat(new ShortConverter().fromConnectData("t", Schema.INT16_SCHEMA, (short) 0x0102)).containsExactly(1, 2);
    }
}
