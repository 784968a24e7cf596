package dev.ferry.schema.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AvroNormalizationTest {

    @Test
    void propertyAndAliasOrder_andEmptyDocs_doNotSurviveNormalisation() {
        ParsedSchema a = AvroSchemaProvider.parse("{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"com.example\","
                + "\"doc\":\"\",\"aliases\":[\"Person\",\"Account\"],\"b\":1,\"a\":2,\"fields\":[{\"name\":\"id\",\"type\":"
                + "{\"type\":\"int\",\"y\":true,\"x\":false}}]}");
        ParsedSchema b = AvroSchemaProvider.parse("{\"a\":2,\"b\":1,\"name\":\"com.example.User\",\"type\":\"record\","
                + "\"aliases\":[\"Account\",\"Person\"],\"fields\":[{\"type\":{\"x\":false,\"type\":\"int\",\"y\":true},"
                + "\"name\":\"id\"}]}");
        assertThat(a.canonical()).isNotEqualTo(b.canonical());
        assertThat(a.normalized().canonical()).isEqualTo(b.normalized().canonical());
        assertThat(a.normalized()).isEqualTo(b.normalized());
    }

    @Test
    void normalisedRecord_hasItsGoldenText() {
        ParsedSchema schema = AvroSchemaProvider.parse("""
                {"namespace": "com.example", "type": "record", "name": "Order", "owner": "sales",
                 "fields": [
                   {"name": "id", "type": "long", "order": "ascending"},
                   {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "scale": 2, "precision": 10}},
                   {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line",
                     "fields": [{"name": "sku", "type": "string"}]}}},
                   {"name": "first", "type": ["null", "Line"], "default": null}
                 ]}
                """);
        assertThat(schema.normalized().canonical()).isEqualTo("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":"
                + "\"com.example\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":"
                + "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}},{\"name\":\"lines\","
                + "\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"Line\",\"fields\":[{\"name\":"
                + "\"sku\",\"type\":\"string\"}]}}},{\"name\":\"first\",\"type\":[\"null\",\"Line\"],\"default\":null}],"
                + "\"owner\":\"sales\"}");
    }

    @Test
    void normalisation_sortsReferencesAndDropsDuplicates() {
        String b = "{\"type\":\"fixed\",\"name\":\"B\",\"size\":1}";
        String a = "{\"type\":\"fixed\",\"name\":\"A\",\"size\":1}";
        SchemaReference refB = new SchemaReference("B", "b", 1);
        SchemaReference refA = new SchemaReference("A", "a", 2);
        AvroSchema schema = new AvroSchemaProvider().parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"A\"},{\"name\":\"b\",\"type\":\"B\"}]}",
                List.of(refB, refA, refB), Map.of("A", a, "B", b));
        AvroSchema normalized = schema.normalized();
        assertThat(normalized.references()).containsExactly(refA, refB);
        assertThat(normalized.canonical()).isEqualTo(schema.canonical());
    }

    @Test
    void references_sortBySubjectThenVersion_notByName() {
        SchemaReference zFirstSubject = new SchemaReference("Z", "a-subject", 3);
        SchemaReference aLaterVersion = new SchemaReference("A", "b-subject", 10);
        SchemaReference aEarlierVersion = new SchemaReference("A", "b-subject", 9);
        assertThat(java.util.stream.Stream.of(aLaterVersion, zFirstSubject, aEarlierVersion).sorted().toList())
                .containsExactly(zFirstSubject, aEarlierVersion, aLaterVersion);
    }

    @Test
    void normalisation_ofANormalisedSchema_changesNothing() {
        ParsedSchema schema = AvroSchemaProvider.parse("{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"n\","
                + "\"symbols\":[\"X\",\"Y\"],\"default\":\"X\",\"doc\":\"d\"}");
        assertThat(schema.normalized().normalized()).isEqualTo(schema.normalized());
        assertThat(schema.normalized().canonical()).isEqualTo(
                "{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"n\",\"doc\":\"d\",\"symbols\":[\"X\",\"Y\"],\"default\":\"X\"}");
    }
}
