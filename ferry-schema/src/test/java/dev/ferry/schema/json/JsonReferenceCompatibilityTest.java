package dev.ferry.schema.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.schema.CompatibilityLevel;
import dev.ferry.schema.ParsedSchema;
import dev.ferry.schema.SchemaReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReferenceCompatibilityTest {

    private static final String CUSTOMER = "{\"type\":\"object\",\"properties\":{\"home\":{\"$ref\":\"address.json\"}}}";

    private static ParsedSchema customerWith(String zipType, int addressVersion) {
        String address = "{\"type\":\"object\",\"properties\":{\"zip\":{\"type\":\"" + zipType + "\"}}}";
        return new JsonSchemaProvider().parse(CUSTOMER,
                List.of(new SchemaReference("address.json", "address", addressVersion)), Map.of("address.json", address));
    }

    @Test
    void aChangeInAReferencedSchema_isFoundThroughTheRef() {
        ParsedSchema v1 = customerWith("string", 1);
        ParsedSchema v2 = customerWith("integer", 2);
        assertThat(CompatibilityLevel.BACKWARD.check(v2, List.of(v1))).first().asString()
                .contains("TYPE_CHANGED").contains("#/properties/home/properties/zip");
    }

    @Test
    void theSameReferencedSchemaAtANewVersion_isCompatible_butNotEqual() {
        ParsedSchema v1 = customerWith("string", 1);
        ParsedSchema v2 = customerWith("string", 2);
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(v2, List.of(v1))).isEmpty();
        assertThat(v2).isNotEqualTo(v1);
    }
}
