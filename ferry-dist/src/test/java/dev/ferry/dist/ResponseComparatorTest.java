package dev.ferry.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseComparatorTest {
    private static final DifferentialStep OPTIONS = DifferentialStep.call("options", "OPTIONS", "/connectors");
    private static final DifferentialStep GET = DifferentialStep.call("get", "GET", "/connectors");

    @Test
    void optionsBodiesListingTheSameMethodsInAnotherOrderAgree() {
        assertThat(ResponseComparator.compare(OPTIONS, options("HEAD, GET, OPTIONS, PATCH, PUT"),
                options("HEAD, GET, OPTIONS, PUT, PATCH"))).isEmpty();
    }

    @Test
    void optionsBodiesListingDifferentMethodsDiffer() {
        assertThat(ResponseComparator.compare(OPTIONS, options("HEAD, GET, OPTIONS, PUT"),
                options("HEAD, GET, OPTIONS, PUT, PATCH")))
                .extracting(Object::toString).contains("step 'options', body: Apache lists methods [GET, HEAD, OPTIONS, PUT],"
                        + " Ferry lists methods [GET, HEAD, OPTIONS, PATCH, PUT]");
    }

    @Test
    void otherTextBodiesAreComparedAsSent() {
        assertThat(ResponseComparator.compare(GET, text("a, b"), text("b, a"))).hasSize(1);
    }

    private static RestAnswer options(String methods) {
        return new RestAnswer(200, Map.of("content-type", List.of("text/plain"), "allow", List.of(methods)), methods);
    }

    private static RestAnswer text(String body) {
        return new RestAnswer(200, Map.of("content-type", List.of("text/plain")), body);
    }
}
