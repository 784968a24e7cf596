package dev.ferry.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * This worker's logger levels, read and changed through logback, for {@code /admin/loggers} and
 * for cluster-wide levels ({@link #apply(String, String)}, called when a worker reads a level
 * stored for the whole cluster).
 *
 * <p>Apache does the same over log4j2; the rules follow its behaviour: loggers are those logback
 * has instantiated, a logger's level is its effective level, the root logger is called
 * {@code root}, and changing a namespace changes the namespace logger and every logger whose
 * name starts with it, reporting (sorted) only the loggers whose effective level actually
 * changed. Each change is stamped so {@code last_modified} can be reported.
 *
 * <p>Logback has no FATAL level; FATAL (valid in log4j2, which Apache uses) is applied as ERROR.
 * Thread-safe: all methods synchronize on this instance.
 */
public final class LogLevels {
    static final String ROOT = "root";
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LogLevels.class);
    /** One instance per logback context, so that REST reads show the stamps of changes made through {@link #apply}. */
    private static final Map<LoggerContext, LogLevels> SHARED = new java.util.WeakHashMap<>();

    private final LoggerContext context;
    private final Clock clock;
    private final Map<String, Long> lastModified = new ConcurrentHashMap<>();

    LogLevels(LoggerContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /**
     * The levels over the logback context SLF4J is bound to, or null (logged) when SLF4J is bound
     * to another backend: then the logging endpoints are disabled, as Apache disables them when it
     * finds no log4j2.
     */
    static LogLevels forCurrentContextOrNull() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            log.warn("The /admin/loggers endpoints are disabled: they need "
                    + "logback as the SLF4J backend, but {} is bound. Put logback-classic on the class path "
                    + "instead of other SLF4J bindings to enable them.",
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return null;
        }
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(context, c -> new LogLevels(c, Clock.systemUTC()));
        }
    }

    /**
     * Sets {@code level} on {@code namespace} and its children on this worker, as
     * {@code PUT /admin/loggers/{namespace}} does; meant for a level that was set for the whole
     * cluster ({@code scope=cluster}) and is now read back by each worker. It does not throw: an
     * invalid level, or an SLF4J backend other than logback, is logged and changes nothing.
     *
     * @param namespace a logger name or prefix; {@code root} or empty for the root logger
     * @param level     OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE or ALL, case-insensitive
     * @return the loggers whose effective level changed, sorted
     */
    public static List<String> apply(String namespace, String level) {
        if (!isValidLevel(level)) {
            log.warn("Ignoring the cluster-wide log level '{}' for '{}': it is not one of OFF, FATAL, ERROR, WARN, "
                    + "INFO, DEBUG, TRACE or ALL. Set it again with PUT /admin/loggers/{}?scope=cluster.",
                    level, namespace, namespace);
            return List.of();
        }
        LogLevels levels = forCurrentContextOrNull();
        if (levels == null) {
            return List.of();
        }
        List<String> changed = levels.set(namespace == null ? "" : namespace, level);
        log.info("Set the log level of {} to {} for the cluster; changed: {}", namespace, level, changed);
        return changed;
    }

    /** Whether {@code level} names a level this worker can apply (case-insensitive). */
    static boolean isValidLevel(String level) {
        return toLevel(level) != null;
    }

    /** Every instantiated logger whose level is not OFF, sorted by name. */
    synchronized Map<String, LoggerLevelJson> all() {
        Map<String, LoggerLevelJson> result = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            if (!Level.OFF.equals(logger.getEffectiveLevel())) {
                result.put(nameOf(logger), levelOf(logger));
            }
        }
        return result;
    }

    /** One logger's level, or null when no such logger has been instantiated. */
    synchronized LoggerLevelJson get(String name) {
        if (isRoot(name)) {
            return levelOf(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        }
        // context.getLogger would create the logger; look it up without creating it.
        Logger logger = context.exists(name);
        return logger == null ? null : levelOf(logger);
    }

    /**
     * Sets the level of {@code namespace} and every logger whose name starts with it.
     *
     * @return the loggers whose effective level changed, sorted
     */
    synchronized List<String> set(String namespace, String levelName) {
        Level level = toLevel(levelName);
        if (level == null) {
            throw new IllegalArgumentException("invalid log level '" + levelName + "'");
        }
        List<Logger> affected = new ArrayList<>();
        if (isRoot(namespace)) {
            affected.addAll(context.getLoggerList());
        } else {
            Logger ancestor = context.getLogger(namespace);
            for (Logger logger : context.getLoggerList()) {
                if (logger.getName().startsWith(namespace)) {
                    affected.add(logger);
                }
            }
            if (!affected.contains(ancestor)) {
                affected.add(ancestor);
            }
        }
        Map<Logger, Level> before = new java.util.HashMap<>();
        for (Logger logger : affected) {
            before.put(logger, logger.getEffectiveLevel());
        }
        for (Logger logger : affected) {
            logger.setLevel(level);
        }
        long now = clock.millis();
        List<String> changed = new ArrayList<>();
        for (Logger logger : affected) {
            if (!logger.getEffectiveLevel().equals(before.get(logger))) {
                lastModified.put(nameOf(logger), now);
                changed.add(nameOf(logger));
            }
        }
        Collections.sort(changed);
        return changed;
    }

    private LoggerLevelJson levelOf(Logger logger) {
        return new LoggerLevelJson(logger.getEffectiveLevel().toString(), lastModified.get(nameOf(logger)));
    }

    private static boolean isRoot(String name) {
        return name.isEmpty() || name.equalsIgnoreCase(ROOT);
    }

    private static String nameOf(Logger logger) {
        return org.slf4j.Logger.ROOT_LOGGER_NAME.equals(logger.getName()) ? ROOT : logger.getName();
    }

    private static Level toLevel(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "OFF" -> Level.OFF;
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            case "TRACE" -> Level.TRACE;
            case "ALL" -> Level.ALL;
            default -> null;
        };
    }
}
