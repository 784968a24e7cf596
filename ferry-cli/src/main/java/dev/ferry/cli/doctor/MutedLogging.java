package dev.ferry.cli.doctor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Silences all logging while the doctor runs: Kafka's clients and plugin discovery narrate as they go, and the
 * report already says what matters (and {@code --json} must stay parseable). A logback turbo filter, so loggers
 * with levels of their own are silenced too; removed again on {@link #close()}.
 */
public final class MutedLogging implements AutoCloseable {
    private final TurboFilter muteAll;

    private MutedLogging(TurboFilter muteAll) {
        this.muteAll = muteAll;
    }

    /** Mutes logback until {@link #close()}; does nothing when logback is not the SLF4J binding. */
    public static MutedLogging start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new MutedLogging(null);
        }
        TurboFilter muteAll = new TurboFilter() {
            @Override
            public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                                      Throwable t) {
                return FilterReply.DENY;
            }
        };
        muteAll.start();
        context.addTurboFilter(muteAll);
        return new MutedLogging(muteAll);
    }

    @Override
    public void close() {
        if (muteAll != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(muteAll);
        }
    }
}
