package dev.ferry.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.rest.extensions.RequestSecurity;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Password hashes (also as Python's hashlib writes them), roles, and the security context extensions see. */
class RolesAndHashesTest {
    @Test
    void hash_verifiesOnlyItsPassword() {
        String hash = PasswordHashes.hash("right".toCharArray(), 10_000);

        assertThat(hash).startsWith("pbkdf2-sha256$10000$");
        assertThat(PasswordHashes.verify("right".toCharArray(), hash)).isTrue();
        assertThat(PasswordHashes.verify("wrong".toCharArray(), hash)).isFalse();
    }

    @Test
    void hashWrittenAsDocsSecurityMdsPythonLineWritesIt_verifies() {
        // hashlib.pbkdf2_hmac('sha256', b'python-made', bytes(range(16)), 10000), base64 without padding
        byte[] salt = new byte[16];
        for (int i = 0; i < 16; i++) {
            salt[i] = (byte) i;
        }
        String expected = "pbkdf2-sha256$10000$" + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(
                        PYTHON_HASH_HEX));

        assertThat(PasswordHashes.verify("python-made".toCharArray(), expected)).isTrue();
    }

    /** Printed by python3 -c "import hashlib; print(hashlib.pbkdf2_hmac('sha256', b'python-made', bytes(range(16)), 10000).hex())". */
    private static final String PYTHON_HASH_HEX = "3f2b81626a8620264aecbffce80a582cfcfaa20c9b1db900cfe6f32806f2ff4f";

    @Test
    void cheapOrMalformedHashes_areRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> PasswordHashes.check("pbkdf2-sha256$1000$AAAA$AAAA"))
                .hasMessageContaining("at least 10000");
        assertThatThrownBy(() -> PasswordHashes.check("plain-text-password"))
                .hasMessageNotContaining("plain-text-password").hasMessageContaining("pbkdf2-sha256$");
    }

    @Test
    void roles() {
        assertThat(Role.named("READ-ONLY").allows("GET")).isTrue();
        assertThat(Role.READ_ONLY.allows("HEAD")).isTrue();
        assertThat(Role.READ_ONLY.allows("PUT")).isFalse();
        assertThat(Role.ADMIN.allows("DELETE")).isTrue();
        assertThatThrownBy(() -> Role.named("root")).hasMessage("unknown role 'root'; use read-only or admin");
    }

    @Test
    void extensionsSeeTheCallerAndItsRole() {
        RequestSecurity security = new RequestSecurity(true, new Caller("bob", Role.READ_ONLY, "BASIC"));

        assertThat(security.getUserPrincipal().getName()).isEqualTo("bob");
        assertThat(security.isUserInRole("read-only")).isTrue();
        assertThat(security.isUserInRole("admin")).isFalse();
        assertThat(security.getAuthenticationScheme()).isEqualTo("BASIC");
        assertThat(new RequestSecurity(false).getUserPrincipal()).isNull();
    }

    @Test
    void tokenDigestsAreSha256Hex() {
        assertThat(CredentialEntries.sha256("abc")).isEqualTo(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
