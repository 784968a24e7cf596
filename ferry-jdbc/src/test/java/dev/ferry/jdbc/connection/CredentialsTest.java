package dev.ferry.jdbc.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void urlLosesUserInfoAndPasswordParametersButKeepsTheRest() {
        assertThat(Credentials.withoutCredentials("jdbc:mysql://bob:s3cret@db:3306/shop?useSSL=false"))
                .isEqualTo("jdbc:mysql://db:3306/shop?useSSL=false");
        assertThat(Credentials.withoutCredentials("jdbc:postgresql://db/shop?user=bob&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?user=bob&ssl=true");
        assertThat(Credentials.withoutCredentials("jdbc:postgresql://db/shop?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/shop");
        assertThat(Credentials.withoutCredentials("jdbc:sqlserver://db:1433;user=bob;password=s3cret;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db:1433;user=bob;encrypt=true");
        assertThat(Credentials.withoutCredentials("jdbc:oracle:thin:bob/s3cret@db:1521/svc"))
                .isEqualTo("jdbc:oracle:thin:bob@db:1521/svc");
    }

    @Test
    void messagesLoseTheSecretWhereverItIsAndAnyPasswordParameter() {
        assertThat(Credentials.scrub("login failed for jdbc:mysql://bob:hunter22@db/x, password hunter22 wrong",
                "hunter22")).doesNotContain("hunter22").contains("bob").contains("db/x");
        assertThat(Credentials.scrub("url jdbc:postgresql://db/x?password=other&ssl=1")).doesNotContain("other")
                .contains("ssl=1");
    }

    @Test
    void aShortPasswordIsOnlyMaskedAfterAPasswordKey() {
        assertThat(Credentials.scrub("password=ab; a table named ab", "ab")).isEqualTo(
                "password=********; a table named ab");
    }

    @Test
    void scrubbedExceptionsKeepTypeStateCodeAndStackButLoseTheSecretInTheWholeChain() {
        SQLException cause = new SQLException("inner with s3cret-pw", "08001", 7);
        RuntimeException middle = new IllegalStateException("middle s3cret-pw", cause);
        SQLException top = new SQLException("top s3cret-pw", "28P01", 42, middle);

        SQLException clean = Credentials.scrub(top, "s3cret-pw");

        assertThat(clean.getMessage()).isEqualTo("top ********");
        assertThat(clean.getSQLState()).isEqualTo("28P01");
        assertThat(clean.getErrorCode()).isEqualTo(42);
        assertThat(clean.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(clean.getCause().toString()).isEqualTo("java.lang.IllegalStateException: middle ********");
        assertThat(clean.getCause().getCause()).isInstanceOf(SQLException.class)
                .hasMessage("inner with ********");
    }
}
