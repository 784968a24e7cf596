package dev.ferry.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Exit;

/**
 * Keeps Kafka's server code from ending the test JVM.
 *
 * <p>On a fatal fault, such as a controller port it cannot bind or a metadata log it cannot
 * read, the server calls Kafka's {@link Exit#exit} or {@link Exit#halt}. In a broker process that
 * is right, but in a test JVM it takes every other test down with it, and Surefire then reports
 * only a crashed fork. The guard replaces both procedures with ones that throw, so the fault
 * surfaces as an exception from {@link KafkaBroker#start()}, or in the broker's own threads after
 * the server's ERROR log. Apache's embedded Connect cluster masks these procedures for the same
 * reason. The replacement is JVM-wide and stays in place, because brokers may be running in
 * several threads at once.
 */
final class JvmExitGuard {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private JvmExitGuard() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure(JvmExitGuard::refuse);
            Exit.setHaltProcedure(JvmExitGuard::refuse);
        }
    }

    private static void refuse(int status, String message) {
        throw new IllegalStateException("The Kafka server hit a fatal fault and asked to end the JVM (status "
                + status + (message == null ? "" : ", " + message) + "). The test kit refused so the other "
                + "tests keep running; the server's ERROR log just before this says what went wrong.");
    }
}
