package dev.ferry.runtime.converters;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteArrayConverterTest {

    private final ByteArrayConverter converter = new ByteArrayConverter();

    @Test
    void bytes_passThroughUnchanged_bothWays() {
        byte[] data = {1, 2, 3};

        assertThat(converter.fromConnectData("t", Schema.BYTES_SCHEMA, data)).isSameAs(data);
        assertThat(converter.toConnectData("t", data)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, data));
        assertThat(converter.fromConnectHeader("t", "h", null, data)).isSameAs(data);
        assertThat(converter.toConnectHeader("t", "h", data).value()).isSameAs(data);
    }

    @Test
    void null_convertsToNull_bothWays() {
        assertThat(converter.fromConnectData("t", Schema.OPTIONAL_BYTES_SCHEMA, null)).isNull();
        assertThat(converter.toConnectData("t", null)).isEqualTo(new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, null));
    }

    @Test
    void byteBuffer_isWrittenFromItsStartToItsLimit_withoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[]{9, 8, 7, 6}, 0, 3);
        buffer.position(2);

        assertThat(converter.fromConnectData("t", null, buffer)).containsExactly(9, 8, 7);
        assertThat(buffer.position()).isEqualTo(2);
    }

    @Test
    void otherSchemaTypesAndValues_areRejected() {
        assertThatThrownBy(() -> converter.fromConnectData("t", Schema.STRING_SCHEMA, new byte[0]))
                .isInstanceOf(DataException.class).hasMessageContaining("BYTES").hasMessageContaining("STRING");
        assertThatThrownBy(() -> converter.fromConnectData("orders", null, "text"))
                .isInstanceOf(DataException.class).hasMessageContaining("java.lang.String").hasMessageContaining("orders");
    }
}
