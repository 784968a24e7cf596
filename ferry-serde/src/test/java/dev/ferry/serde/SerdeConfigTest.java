package dev.ferry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaProviders;
import dev.ferry.schema.SchemaType;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

    private static final ParsedSchema ORDER = SchemaProviders.of(SchemaType.AVRO).parse(
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\",\"fields\":[]}", List.of(), Map.of());

    @Test
    void defaultsAreConfluents() {
        SerdeConfig config = SerdeConfig.from(Map.of(), false);
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.latestCompatibilityStrict()).isTrue();
        assertThat(config.normalizeSchemas()).isFalse();
        assertThat(config.useSchemaId()).isEqualTo(-1);
        assertThat(config.idCompatibilityStrict()).isTrue();
        assertThat(config.subjectNameStrategy()).isEqualTo(SubjectNameStrategy.TOPIC);
    }

    @Test
    void valuesAreReadFromStringsAndTypedValues() {
        SerdeConfig config = SerdeConfig.from(Map.of("auto.register.schemas", "false", "use.latest.version", true,
                "use.schema.id", "42", "normalize.schemas", "TRUE"), true);
        assertThat(config.isKey()).isTrue();
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.useSchemaId()).isEqualTo(42);
        assertThat(config.normalizeSchemas()).isTrue();
    }

    @Test
    void subjectsFollowEachStrategyByConfluentClassOrShortName() {
        assertThat(SerdeConfig.from(Map.of(), true).subject("orders", ORDER)).isEqualTo("orders-key");
        assertThat(SerdeConfig.from(Map.of(), false).subject("orders", ORDER)).isEqualTo("orders-value");
        assertThat(SerdeConfig.from(Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false).subject("orders", ORDER))
                .isEqualTo("com.acme.Order");
        assertThat(SerdeConfig.from(Map.of("key.subject.name.strategy", "TopicRecordNameStrategy"), true)
                .subject("orders", ORDER)).isEqualTo("orders-com.acme.Order");
        // The key strategy does not leak into the value side.
        assertThat(SerdeConfig.from(Map.of("key.subject.name.strategy", "RecordNameStrategy"), false)
                .subject("orders", ORDER)).isEqualTo("orders-value");
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of("value.subject.name.strategy", "com.example.Mine"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("TopicNameStrategy");
    }

    @Test
    void aMalformedBooleanIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of("auto.register.schemas", "yes"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
    }
}
