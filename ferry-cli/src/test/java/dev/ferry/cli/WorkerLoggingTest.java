package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class WorkerLoggingTest {

    @Test
    void logbackFindsTheConfiguratorThroughServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(WorkerLogging.class);
    }

    @Test
    void linesHaveApachesShape_withTheConnectorContextFromTheMdc() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            // A context of its own, with its own MDC; in the worker both are slf4j's.
            context.setMDCAdapter(new LogbackMDCAdapter());
            context.start();
            WorkerLogging.apply(context);
            context.getMDCAdapter().put("connector.context", "[orders|task-0] ");
            context.getLogger("dev.ferry.runtime.task.Example").info("Task started");
        } finally {
            context.stop();
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).matches(
                "\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}] INFO  \\[orders\\|task-0] Task started "
                        + "\\(dev\\.ferry\\.runtime\\.task\\.Example\\) \\[main]\\R");
    }

    @Test
    void kafkasOwnLogsAreQuietened_connectPluginsAndTheWorkerStayAtInfo() {
        LoggerContext context = new LoggerContext();
        WorkerLogging.apply(context);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.producer.ProducerConfig").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.apache.kafka.connect.file.FileStreamSourceTask").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.ferry.runtime.worker.Worker").getEffectiveLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void theEnvironmentSetsTheRootLevelAndLoggers_asTheImageMapsCpLog4jVariables() {
        LoggerContext context = new LoggerContext();
        WorkerLogging.apply(context, Map.of(
                "FERRY_LOG_LEVEL", "warn",
                "FERRY_LOGGERS", "org.apache.kafka.connect.runtime=DEBUG, dev.ferry.runtime.herder=TRACE,bad,io.x=FATAL"));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.connect.runtime.Worker").getEffectiveLevel())
                .isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("dev.ferry.runtime.herder.X").getEffectiveLevel()).isEqualTo(Level.TRACE);
        assertThat(context.getLogger("io.x").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        context.stop();
    }

    @Test
    void anUnknownRootLevelKeepsInfo() {
        LoggerContext context = new LoggerContext();
        WorkerLogging.apply(context, Map.of("FERRY_LOG_LEVEL", "LOUD"));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        context.stop();
    }

    @Test
    void aUsersConfigurationFileWins() {
        String previous = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/ferry/logback.xml");
        try {
            LoggerContext context = new LoggerContext();
            assertThat(new WorkerLogging().configure(context))
                    .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            if (previous == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", previous);
            }
        }
    }
}
