package dev.ferry.rest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The rule every answer to hostile input must keep: it comes (within {@link RawHttp#PATIENCE}), it
 * is not a server error (the input is the client's fault, so a 5xx means the server broke on it),
 * and when it is an error its body is Connect's JSON ({@code {"error_code":N,"message":"…"}}, N the
 * status, a message that says something), never an empty or HTML page. The Content-Type may be
 * missing where Apache's JAX-RS sends none (its own 404 for an unknown route), never another type.
 */
final class ConnectJsonAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectJsonAnswers() {
    }

    /**
     * Checks {@code answer} to {@code request}; {@code allowedServerErrors} admits those 5xx statuses
     * (still as Connect's JSON) where they are the right answer: Apache's 500 by design, or Jetty's
     * 505 for a request line that a raw control character or space broke.
     */
    static RawHttp.Answer assertAnsweredWell(RawHttp.Answer answer, String request, Set<Integer> allowedServerErrors) {
        String shown = shorten(request);
        if (!allowedServerErrors.contains(answer.status())) {
            assertThat(answer.status()).as("status of %s; body %s", shown, shorten(answer.body())).isBetween(200, 499);
        }
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as("Content-Type of the %s answer to %s", answer.status(), shown)
                    .matches("(application/json.*)?");
            JsonNode body = parse(answer.body(), shown);
            assertThat(body.path("error_code").asInt()).as("error_code of the answer to %s: %s", shown,
                    shorten(answer.body())).isEqualTo(answer.status());
            assertThat(body.path("message").asText()).as("message of the answer to %s", shown).isNotBlank();
        }
        return answer;
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }

    static JsonNode parse(String body, String request) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("The answer to " + request + " is not JSON: '" + shorten(body) + "'", e);
        }
    }
}
