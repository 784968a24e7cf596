package dev.ferry.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@link LogLevels#apply}: what a worker does with a log level stored for the whole cluster. */
class LogLevelsTest {
    private static final String NAMESPACE = "dev.ferry.clusterlevel";

    @Test
    void apply_setsTheNamespaceOnTheBoundContext_andRestReadsSeeItsStamp() {
        assertThat(LogLevels.apply(NAMESPACE, "debug")).containsExactly(NAMESPACE);

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getLogger(NAMESPACE).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(LogLevels.forCurrentContextOrNull().get(NAMESPACE).lastModified()).isNotNull();
    }

    @Test
    void apply_withAnInvalidLevel_changesNothing() {
        assertThat(LogLevels.apply(NAMESPACE + ".other", "LOUD")).isEmpty();
    }
}
