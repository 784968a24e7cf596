package dev.ferry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Runs a {@link KafkaBroker} in a process of its own, for {@code ferry dev}, benchmarks and manual
 * experiments.
 *
 * <pre>
 * java -cp &lt;ferry-testkit classpath&gt; dev.ferry.testkit.KafkaBrokerMain [key=value ...]
 * </pre>
 *
 * <p>Each argument is a broker property. Once the broker is ready, the process prints one line,
 * {@code BOOTSTRAP=127.0.0.1:<port>}, to stdout and flushes it; stdout carries nothing else (logs
 * go to stderr), so a parent can read that line and hand the address to its clients. The broker
 * stops, and its data is deleted, when the process gets SIGTERM (or SIGINT) or when its stdin
 * reaches end of file. The latter lets a parent that dies without cleaning up take the broker
 * with it, since the pipe closes either way; to keep a broker running by hand, leave stdin
 * attached to the terminal. Exit status: 0 after a normal stop, 1 if the broker could not
 * start, 2 for bad arguments.
 */
public final class KafkaBrokerMain {

    /** The prefix of the single line printed to stdout once the broker is ready. */
    public static final String BOOTSTRAP_PREFIX = "BOOTSTRAP=";

    private static final String LOGGING_CONFIG_PROPERTY = "logback.configurationFile";
    private static final String LOGGING_CONFIG = "dev/ferry/testkit/broker-main-logback.xml";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        // Must happen before the first logger is created; an explicit -D choice wins.
        if (System.getProperty(LOGGING_CONFIG_PROPERTY) == null) {
            System.setProperty(LOGGING_CONFIG_PROPERTY, LOGGING_CONFIG);
        }
        Map<String, String> properties;
        KafkaBroker broker;
        try {
            properties = PropertyPairs.parse(args, "the command line");
            broker = KafkaBroker.builder().brokerProperties(properties).exitJvmOnFatalFault().build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: KafkaBrokerMain [broker.property=value ...]");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-shutdown"));
        try {
            broker.start();
        } catch (RuntimeException e) {
            System.err.println("The Kafka broker did not start: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        System.out.println(BOOTSTRAP_PREFIX + broker.bootstrapServers());
        System.out.flush();
        drain(System.in);
        // The shutdown hook stops the broker.
        System.exit(0);
    }

    /** Blocks until the stream ends, discarding whatever is written to it. */
    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Input carries no commands; only its end matters.
            }
        } catch (IOException e) {
            // A broken stdin means the parent is gone: stop as for end of file.
        }
    }
}
