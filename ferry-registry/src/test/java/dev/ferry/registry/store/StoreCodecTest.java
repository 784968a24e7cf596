package dev.ferry.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.SchemaReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCodecTest {

    @Test
    void everyRecordConfluentWritesTodayIsReadAndWrittenBackToTheSameBytes() {
        int checked = 0;
        for (GoldenTopic.Line line : GoldenTopic.lines()) {
            boolean legacy = line.key().contains("\"magic\":0}") && line.key().contains("SCHEMA")
                    || line.key().contains("old-config-value");
            if (legacy) {
                continue;
            }
            StoreKey key = StoreCodec.decodeKey(line.keyBytes());
            assertThat(new String(StoreCodec.encodeKey(key), StandardCharsets.UTF_8)).isEqualTo(line.key());
            StoreValue value = StoreCodec.decodeValue(key, line.valueBytes());
            byte[] encoded = StoreCodec.encodeValue(value);
            assertThat(encoded == null ? "null" : new String(encoded, StandardCharsets.UTF_8)).isEqualTo(line.value());
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void schemaKeysAreWrittenWithConfluentsFieldOrderAndMagicOne() {
        assertThat(new String(StoreCodec.encodeKey(new StoreKey.Schema("t-value", 3)), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"t-value\",\"version\":3,\"magic\":1}");
        assertThat(new String(StoreCodec.encodeKey(new StoreKey.Config(null)), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"magic\":0}");
        assertThat(new String(StoreCodec.encodeKey(new StoreKey.Noop()), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"NOOP\",\"magic\":0}");
    }

    @Test
    void aSchemaValueCarriesReferencesAndLeavesThemOutWhenThereAreNone() {
        StoreValue.Schema withRefs = new StoreValue.Schema("c-value", 1, 7, "AVRO",
                List.of(new SchemaReference("shop.Order", "orders-value", 1)), "{}", false, null);
        assertThat(new String(StoreCodec.encodeValue(withRefs), StandardCharsets.UTF_8)).isEqualTo(
                "{\"subject\":\"c-value\",\"version\":1,\"id\":7,\"schemaType\":\"AVRO\",\"references\":[{\"name\":"
                        + "\"shop.Order\",\"subject\":\"orders-value\",\"version\":1}],\"schema\":\"{}\",\"deleted\":false}");
        StoreValue.Schema plain = new StoreValue.Schema("c-value", 1, 7, null, null, "\"int\"", true, null);
        assertThat(new String(StoreCodec.encodeValue(plain), StandardCharsets.UTF_8)).isEqualTo(
                "{\"subject\":\"c-value\",\"version\":1,\"id\":7,\"schemaType\":\"AVRO\",\"schema\":\"\\\"int\\\"\","
                        + "\"deleted\":true}");
    }

    @Test
    void aLegacyConfigValueWithoutSubjectTakesTheKeysSubject() {
        StoreKey key = StoreCodec.decodeKey("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}".getBytes(StandardCharsets.UTF_8));
        StoreValue value = StoreCodec.decodeValue(key, "{\"compatibilityLevel\":\"NONE\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(value).isInstanceOfSatisfying(StoreValue.Config.class, c -> {
            assertThat(c.subject()).isEqualTo("s");
            assertThat(c.compatibilityLevel()).isEqualTo("NONE");
        });
    }

    @Test
    void aSchemaKeyWithAnUnknownMagicIsRefusedNamingTheMagic() {
        assertThatThrownBy(() -> StoreCodec.decodeKey(
                "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":7}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("magic 7");
    }

    @Test
    void aKeyThatIsNotJsonIsRefusedQuotingIt() {
        assertThatThrownBy(() -> StoreCodec.decodeKey("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("not json");
    }
}
