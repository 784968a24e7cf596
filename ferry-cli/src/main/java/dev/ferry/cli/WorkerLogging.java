package dev.ferry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;

/**
 * The worker's default logging, set up in code: one console appender with the line shape of
 * Apache's {@code connect-log4j2} pattern (the MDC {@code connector.context} is
 * {@code "[name|task-0] "}), Kafka's own chatter at WARN and Connect plugins at INFO.
 *
 * <p>Why not a {@code logback.xml}: reading one loads logback's XML configurator and the JDK's
 * XML parser, several hundred classes that took about a sixth of a second of every worker start,
 * which must answer REST within one. Logback finds this class through {@code ServiceLoader}
 * before it looks for files. A user's own file still wins: with
 * {@code -Dlogback.configurationFile=...} (e.g. in {@code FERRY_OPTS}), or a
 * {@code logback-test.xml} on the classpath (tests), this steps aside and logback reads the file.
 * Levels can be changed at runtime through {@code /admin/loggers}, and at start with
 * {@code FERRY_LOG_LEVEL} (the root level) and {@code FERRY_LOGGERS} ({@code name=LEVEL,name2=LEVEL}),
 * which the container image's entrypoint sets from the cp image's {@code CONNECT_LOG4J_ROOT_LOGLEVEL}
 * and {@code CONNECT_LOG4J_LOGGERS}.
 */
public final class WorkerLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN =
            "[%d{\"yyyy-MM-dd HH:mm:ss,SSS\"}] %-5level %X{connector.context}%msg \\(%logger{36}\\) [%thread]%n";

    /**
     * Kafka's clients (and the embedded broker of {@code ferry dev}) narrate every config and
     * connection at INFO; the worker's own story stays readable. NetworkClient logs one line per
     * reconnect attempt, and KafkaReachability reports an unreachable broker once, with the fix.
     */
    static final Map<String, Level> LEVELS = Map.of(
            "org.apache.kafka", Level.WARN,
            "kafka", Level.WARN,
            "state.change.logger", Level.WARN,
            "org.apache.kafka.connect", Level.INFO,
            "org.apache.kafka.clients.NetworkClient", Level.ERROR,
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || WorkerLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root level variable, e.g. {@code DEBUG}; log4j's {@code FATAL} is taken as {@code ERROR}. */
    static final String LEVEL_VARIABLE = "FERRY_LOG_LEVEL";
    /** Per-logger levels, {@code name=LEVEL,name2=LEVEL}, applied over {@link #LEVELS}. */
    static final String LOGGERS_VARIABLE = "FERRY_LOGGERS";

    /** Sets up the console appender and the levels on {@code context}. */
    static void apply(LoggerContext context) {
        apply(context, System.getenv());
    }

    /** Like {@link #apply(LoggerContext)}, with the levels {@code env} sets. */
    static void apply(LoggerContext context, Map<String, String> env) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        String rootLevel = env.get(LEVEL_VARIABLE);
        if (rootLevel != null && !rootLevel.isBlank()) {
            root.setLevel(level(rootLevel, Level.INFO, LEVEL_VARIABLE, root));
        }
        String loggers = env.get(LOGGERS_VARIABLE);
        if (loggers != null) {
            for (String entry : loggers.split(",")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    String name = entry.substring(0, eq).trim();
                    context.getLogger(name).setLevel(level(entry.substring(eq + 1), null, LOGGERS_VARIABLE, root));
                } else if (!entry.isBlank()) {
                    root.warn("{} has '{}', which is not name=LEVEL; ignored", LOGGERS_VARIABLE, entry.trim());
                }
            }
        }
    }

    private static Level level(String text, Level fallback, String variable, Logger log) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FATAL")) {
            return Level.ERROR;
        }
        Level level = Level.toLevel(name, null);
        if (level == null) {
            log.warn("{} has '{}', which is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF); ignored",
                    variable, text.trim());
            return fallback;
        }
        return level;
    }
}
