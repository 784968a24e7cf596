package dev.ferry.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database errors the sink retries, which it pins on a record, and which on the statement. */
class SqlErrorsTest {

    @Test
    void passingTroubleIsRetriedAndRowErrorsAreNot() {
        assertThat(SqlErrors.isRetriable(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("canceling statement: lock timeout", "55P03"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLTransientConnectionException("socket closed"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("relation \"t\" does not exist", "42P01"))).isTrue();
        assertThat(SqlErrors.isRetriable(new SQLException("Unknown column 'x'", "42S22", 1054))).isTrue();

        assertThat(SqlErrors.isRetriable(new SQLException("null value in column", "23502"))).isFalse();
        assertThat(SqlErrors.isRetriable(new SQLException("Data too long for column", "22001", 1406))).isFalse();
        assertThat(SqlErrors.isRetriable(new SQLException("general error", "HY000", 1366))).isFalse();
    }

    @Test
    void aBatchErrorIsJudgedAndDescribedByTheReasonChainedToIt() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 3 INSERT ... VALUES ('secret row') was "
                + "aborted", new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));

        assertThat(SqlErrors.isRetriable(batch)).isTrue();
        assertThat(SqlErrors.describe(batch)).isEqualTo("deadlock detected (SQLState 40P01)")
                .doesNotContain("secret row");
    }

    @Test
    void syntaxAndMissingFeatureErrorsAreTheStatementsFault() {
        assertThat(SqlErrors.isStatementProblem(new SQLException("no unique constraint matching", "42P10")))
                .isTrue();
        assertThat(SqlErrors.isStatementProblem(new SQLException("MERGE not supported", "0A000"))).isTrue();
        assertThat(SqlErrors.isStatementProblem(new SQLException("null value in column", "23502"))).isFalse();
    }
}
