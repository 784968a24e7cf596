package dev.ferry.schema.avro;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.schema.InvalidSchemaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroBadSchemaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "record without a name | {\"type\":\"record\",\"fields\":[]} | No name in schema | Fix the schema",
        "field name with a dash | {\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"first-name\",\"type\":\"string\"}]} | first-name | letters, digits and '_'",
        "field defined twice | {\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]} | Duplicate field a | may be defined once",
        "misspelt primitive | {\"type\":\"strnig\"} | MUST be a primitive type | the name of a type defined earlier or referenced",
        "misspelt field type | {\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"strnig\"}]} | Undefined schema: strnig | declare a reference",
        "trailing comma | {\"type\":\"record\",\"name\":\"R\",\"fields\":[],} | line: 1, column: | not well-formed JSON",
    })
    void badSchema_carriesAvrosComplaintAndWhatToDo(String what, String text, String complaint, String fix) {
        assertThatThrownBy(() -> AvroSchemaProvider.parse(text))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("Invalid Avro schema: ")
                .hasMessageContaining(complaint)
                .hasMessageContaining(fix);
    }
}
