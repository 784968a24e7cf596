package dev.ferry.runtime.cluster.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.runtime.model.InternalRequestSignature;
import dev.ferry.runtime.model.SessionKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private static final List<String> ACCEPTED = List.of("HmacSHA256");
    /** RFC 4231, test case 2: key "Jefe". */
    private static final SessionKey JEFE = new SessionKey(
            new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"), 1000L);
    private static final byte[] BODY = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    /** RFC 4231's HMAC-SHA-256 of BODY under JEFE (5bdcc146…ec3843), base64-encoded with openssl. */
    private static final String EXPECTED_MAC = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

    @Test
    void headers_carryTheBase64HmacOfTheBody_andTheAlgorithm() {
        Map<String, String> headers = RequestSigner.headers(BODY, JEFE, "HmacSHA256");

        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "X-Connect-Authorization", EXPECTED_MAC,
                "X-Connect-Request-Signature-Algorithm", "HmacSHA256"));
    }

    @Test
    void signedRequest_verifiesWithTheSameKey() {
        SessionKey key = SessionKeys.generate("HmacSHA256", null, 42L);
        byte[] body = "[{\"task.class\":\"X\"}]".getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> RequestSigner.verify(received(RequestSigner.headers(body, key, "HmacSHA256"), body),
                key, ACCEPTED)).doesNotThrowAnyException();
    }

    @Test
    void tamperedBody_isRejectedWith403() {
        Map<String, String> headers = RequestSigner.headers(BODY, JEFE, "HmacSHA256");
        byte[] tampered = "what do ya want for something?".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> RequestSigner.verify(received(headers, tampered), JEFE, ACCEPTED))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageStartingWith("Internal request contained invalid signature.")
                .hasMessageContaining("inter.worker.key.ttl.ms");
    }

    @Test
    void requestSignedWithAnotherKey_isRejectedWith403() {
        SessionKey rotated = SessionKeys.generate("HmacSHA256", null, 2000L);
        Map<String, String> headers = RequestSigner.headers(BODY, JEFE, "HmacSHA256");

        assertThatThrownBy(() -> RequestSigner.verify(received(headers, BODY), rotated, ACCEPTED))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void missingSignature_isRejectedWith400() {
        assertThatThrownBy(() -> RequestSigner.verify(null, JEFE, ACCEPTED))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("Internal request missing required signature");
    }

    @Test
    void algorithmNotInVerificationAlgorithms_isRejectedWith400NamingTheSetting() {
        Map<String, String> headers = RequestSigner.headers(BODY, JEFE, "HmacSHA512");

        assertThatThrownBy(() -> RequestSigner.verify(received(headers, BODY), JEFE, ACCEPTED))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("'HmacSHA512'")
                .hasMessageContaining("inter.worker.verification.algorithms=HmacSHA256");
    }

    @Test
    void algorithmUnknownToTheJvm_isRejectedWith400() {
        InternalRequestSignature signature = new InternalRequestSignature("HmacNope", new byte[32], BODY);

        assertThatThrownBy(() -> RequestSigner.verify(signature, JEFE, List.of("HmacSHA256", "HmacNope")))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("HmacNope");
    }

    @Test
    void noSessionKeyYet_answers503() {
        Map<String, String> headers = RequestSigner.headers(BODY, JEFE, "HmacSHA256");

        assertThatThrownBy(() -> RequestSigner.verify(received(headers, BODY), null, ACCEPTED))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void fromHeaders_withAHeaderMissing_isNull_andWithBadBase64_is400() {
        assertThat(RequestSigner.fromHeaders("HmacSHA256", null, BODY)).isNull();
        assertThat(RequestSigner.fromHeaders(null, EXPECTED_MAC, BODY)).isNull();
        assertThatThrownBy(() -> RequestSigner.fromHeaders("HmacSHA256", "not base64!", BODY))
                .isInstanceOfSatisfying(InvalidSignatureException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void generatedKeys_takeTheRequestedSize_andAnUnknownAlgorithmNamesTheSetting() {
        assertThat(SessionKeys.generate("HmacSHA256", 512, 7L).key().getEncoded()).hasSize(64);
        assertThat(SessionKeys.generate("HmacSHA256", null, 7L).creationTimestamp()).isEqualTo(7L);
        assertThatThrownBy(() -> SessionKeys.generate("Nope", null, 7L))
                .hasMessageContaining("inter.worker.key.generation.algorithm");
    }

    private static InternalRequestSignature received(Map<String, String> headers, byte[] body) {
        return RequestSigner.fromHeaders(headers.get(RequestSigner.ALGORITHM_HEADER),
                headers.get(RequestSigner.SIGNATURE_HEADER), body);
    }
}
